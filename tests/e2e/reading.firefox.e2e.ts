import { readingSuite } from './support/reading-suite';

readingSuite('firefox');
