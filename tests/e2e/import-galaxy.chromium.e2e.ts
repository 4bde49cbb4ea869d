import { importGalaxySuite } from './support/import-galaxy-suite';

importGalaxySuite('chromium');
