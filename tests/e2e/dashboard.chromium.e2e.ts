import { dashboardSuite } from './support/dashboard-suite';

dashboardSuite('chromium');
