/**
 * Whether a headed browser can open here: `npm start` opens a window, and on Linux without an X or Wayland
 * display Chromium cannot, which used to end in Playwright's stack trace. This says, in one line, what to run
 * instead.
 */

/** The one line `npm start` prints when there is no display to open a window on. */
export const NO_DISPLAY_HINT =
  'No display to open Chromium on: run `npm start -- --headless --screenshot demo.png` for a picture of the demo, or `xvfb-run npm start` for a virtual display.';

/**
 * The hint when a headed launch cannot work (Linux or another Unix without DISPLAY or WAYLAND_DISPLAY),
 * else undefined. macOS and Windows always have a display.
 */
export function noDisplayHint(
  headless: boolean,
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string | undefined {
  if (headless || platform === 'darwin' || platform === 'win32') return undefined;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? undefined : NO_DISPLAY_HINT;
}

/** Whether a browser launch failed for want of a display (a DISPLAY set to a server that is not there). */
export function isDisplayError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /XServer|X server|\$DISPLAY|cannot open display|Missing X|Ozone platform/i.test(message);
}
