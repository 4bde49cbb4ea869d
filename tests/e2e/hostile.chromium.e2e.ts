import { hostileSuite } from './support/hostile-suite';

hostileSuite('chromium');
