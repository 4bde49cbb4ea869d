import { cardSuite } from './support/card-suite';

cardSuite('chromium');
