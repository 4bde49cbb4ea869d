import { cardSuite } from './support/card-suite';

cardSuite('firefox');
