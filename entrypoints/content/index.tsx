import './start-mark';
import './highlights.css';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runFirstStage } from '../../lib/page/first-stage';
import { yieldTask } from '../../lib/page/yield-task';
import { GuardedContext } from '../../platform/guarded-context';
import { readNamesPrefilter, watchNamesPrefilter } from '../../platform/names-prefilter';
import type { PageApp } from '../../platform/page-app';
import { answerPageRequests } from '../../platform/page-requests';
import { readSettingsNow } from '../../platform/page-settings';
import { loadSecondStage } from '../../platform/stages';
import { mark, measure } from '../../platform/timing';

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
    mark('apt-lens:main'); // the script's own evaluation ends here (bench:page reports it apart)
    if (!('highlights' in CSS) || !document.body) return;
    const topFrame = window === window.top;
    const settings = readSettingsNow();
    // The matcher and the session load only where a name may be, or when the popup or keyboard asks.
    let app: Promise<PageApp> | undefined;
    const second = () => {
      mark('apt-lens:second-stage');
      app ??= loadSecondStage().then((run) => run({ ctx, settings, topFrame }));
      return app;
    };
    if (topFrame) answerPageRequests(ctx.signal, async (msg) => (await second()).handle(msg));
    void runFirstStage({
      doc: document,
      signal: ctx.signal,
      prefilter: readNamesPrefilter,
      onNamesChanged: watchNamesPrefilter,
      load: () => void second().catch(() => undefined),
      yieldToBrowser: yieldTask,
      onTask: (t0) => measure('apt-lens:task', t0),
      onNone: () => measure('apt-lens:scan', 'apt-lens:start'),
    });
  },
});
