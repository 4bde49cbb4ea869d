import { overlaySuite } from './support/overlay-suite';

overlaySuite('firefox');
