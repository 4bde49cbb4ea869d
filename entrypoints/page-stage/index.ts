// The page's second stage (platform/stages.ts): loaded by the first stage only into frames that may name something.
import './start-mark';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runPage } from '../../platform/page-app';
import { SECOND_STAGE } from '../../platform/stages';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[SECOND_STAGE] = runPage;
});
