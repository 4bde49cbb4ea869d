import { demoSuite } from './support/demo-suite';

demoSuite('firefox');
