import { importGalaxySuite, MOST_MARKED } from './support/import-galaxy-suite';

// Firefox reads a page about four times slower here: the 20 pages the import marked most before imported
// names had classes. The Chromium suite and tests/overlay/import/galaxy-corpus.test.ts check all 130.
importGalaxySuite('firefox', MOST_MARKED);
