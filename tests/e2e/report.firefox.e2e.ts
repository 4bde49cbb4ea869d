import { reportSuite } from './support/report-suite';

reportSuite('firefox');
