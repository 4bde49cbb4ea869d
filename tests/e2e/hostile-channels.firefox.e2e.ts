import { hostileChannelsSuite } from './support/hostile-channels-suite';

hostileChannelsSuite('firefox');
