import { popupSuite } from './support/popup-suite';

popupSuite('chromium');
