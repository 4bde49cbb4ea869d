import { demoSuite } from './support/demo-suite';

demoSuite('chromium');
