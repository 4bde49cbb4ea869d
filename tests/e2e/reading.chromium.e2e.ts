import { readingSuite } from './support/reading-suite';

readingSuite('chromium');
