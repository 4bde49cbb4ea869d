import { importSuite } from './support/import-suite';

importSuite('chromium');
