/**
 * The content script's performance marks, which land in the page's own Performance timeline: a page could
 * read them (when a report fires, how long a scan took) and learn from them what the reader watches. Only
 * the instrumented build (`APT_LENS_TIMING=1`, see wxt.config.ts; benches and the e2e suites load it) records
 * them; in the shipped build `TIMING` is the constant false and every call below is empty.
 */

/** Replaced by the build (wxt.config.ts); absent in unit tests. */
declare const __APT_LENS_TIMING__: boolean | undefined;

/** Whether this build records the content script's marks (a build-time constant). */
export const TIMING = typeof __APT_LENS_TIMING__ !== 'undefined' && __APT_LENS_TIMING__ === true;

/** `performance.mark(name)`, in the timing build only. */
export function mark(name: `apt-lens:${string}`): void {
  if (TIMING) performance.mark(name);
}

/** `performance.measure(name, { start })`, in the timing build only. */
export function measure(name: `apt-lens:${string}`, start: number | string): void {
  if (TIMING) performance.measure(name, { start });
}
