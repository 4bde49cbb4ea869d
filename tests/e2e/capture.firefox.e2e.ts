import { captureSuite } from './support/capture-suite';

captureSuite('firefox');
