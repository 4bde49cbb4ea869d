import { insightsSuite } from './support/insights-suite';

insightsSuite('firefox');
