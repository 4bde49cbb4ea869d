import { CORPUS, corpusSuite } from './support/corpus-suite';

corpusSuite('chromium', CORPUS);
