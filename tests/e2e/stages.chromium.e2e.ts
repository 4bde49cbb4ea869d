import { stagesSuite } from './support/stages-suite';

stagesSuite('chromium');
