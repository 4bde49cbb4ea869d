import { insightsSuite } from './support/insights-suite';

insightsSuite('chromium');
