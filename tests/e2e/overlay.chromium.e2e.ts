import { overlaySuite } from './support/overlay-suite';

overlaySuite('chromium');
