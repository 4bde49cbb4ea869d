import { dashboardSuite } from './support/dashboard-suite';

dashboardSuite('firefox');
