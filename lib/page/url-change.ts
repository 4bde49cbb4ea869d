/**
 * Rescans after a single-page app changes the URL, driven by the URL itself rather than by events: the
 * page can dispatch any event, but it cannot make `location.href` differ without really navigating, and a
 * page that navigates in a loop still gets one rescan at a time.
 */

/**
 * Returns a `check` to call whenever the URL may have changed (a navigation event, a timer): it runs
 * `rescan` only if `readUrl()` differs from the URL last scanned, and never starts a second rescan while one
 * runs (a change during a rescan is picked up when it ends).
 */
export function rescanOnUrlChange(readUrl: () => string, rescan: () => Promise<void>): () => Promise<void> {
  let last = readUrl();
  let running: Promise<void> | undefined;
  const loop = async () => {
    while (readUrl() !== last) {
      last = readUrl();
      await rescan().catch(() => {});
    }
  };
  return () => {
    running ??= loop().finally(() => {
      running = undefined;
    });
    return running;
  };
}
