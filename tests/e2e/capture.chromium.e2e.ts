import { captureSuite } from './support/capture-suite';

captureSuite('chromium');
