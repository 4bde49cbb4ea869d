import { incidentsSuite } from './support/incidents-suite';

incidentsSuite('firefox');
