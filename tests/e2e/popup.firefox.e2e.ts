import { popupSuite } from './support/popup-suite';

popupSuite('firefox');
