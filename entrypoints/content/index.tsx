import './start-mark';
import './highlights.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { GuardedContext } from '../../platform/guarded-context';
import { runPage } from '../../platform/page-app';
import { answerPageRequests } from '../../platform/page-requests';
import { readSettingsNow } from '../../platform/page-settings';
import { mark } from '../../platform/timing';

export default defineContentScript({
  matches: ['<all_urls>'],
  // Every frame paints its own text (a Highlight paints only in its own document); only the top frame
  // answers the popup and the keyboard, and hosts the capture form.
  allFrames: true,
  runAt: 'document_idle',
  // WXT's "started" message would tell every window the extension's id; GuardedContext replaces it.
  noScriptStartedPostMessage: true,
  main() {
    // WXT's own context (main's argument) stops on an event any page can forge: nothing is tied to it.
    const ctx = new GuardedContext('content');
    // Everything before this mark is the script's own evaluation (bench:page reports it apart).
    mark('apt-lens:main');
    if (!('highlights' in CSS) || !document.body) return;
    const topFrame = window === window.top;
    const app = runPage({ ctx, settings: readSettingsNow(), topFrame });
    if (topFrame) answerPageRequests(ctx, (req) => app.handle(req));
  },
});
