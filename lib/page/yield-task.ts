/** Giving the browser a turn between two pieces of work (both stages of the page cut their work so). */

/**
 * Gives the browser a turn (between slices, and before a page is first read): `scheduler.yield()` where it exists, else a message-channel
 * task (unlike timers, neither is throttled or held back when the page's own scripts are off).
 */
export function yieldTask(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((ok) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => ok();
    ch.port2.postMessage(0);
  });
}
