import { taxiiSuite } from './support/taxii-suite';

taxiiSuite('firefox');
