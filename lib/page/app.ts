/**
 * The order a page's APT Lens starts in, with one `AbortSignal` (the content script's context) over all of
 * it: read and paint the page, then mount the card's UI host, then follow the settings and the reader's names.
 * Every step after an `await` checks the signal first, because a context that stopped meanwhile never calls
 * its listeners again: whatever registered late would stay behind (a second UI host, listeners of a dead
 * script).
 */
import type { Settings } from '../settings';
import type { PageSession } from './session';

/** The UI host once mounted: the layer the private marks are drawn in, and how to take it all out. */
export interface MountedUi {
  layer: HTMLElement;
  remove(): void;
}

/** What starting a page needs; each `follow` subscribes and returns its unsubscribe. */
export interface PageStart {
  signal: AbortSignal;
  session: PageSession;
  win: Window & typeof globalThis;
  settings: Promise<Settings>;
  /** Lets the browser finish the script's own task before the page is read. */
  beforeReading?: () => Promise<void>;
  mountUi(): Promise<MountedUi | undefined>;
  follow: readonly (() => () => void)[];
}

/** Starts a page; false when the signal stopped it on the way (nothing it set up is left behind). */
export async function startPage(o: PageStart): Promise<boolean> {
  const { signal, session } = o;
  if (signal.aborted) {
    session.destroy();
    return false;
  }
  await session.start(o.settings, o.beforeReading);
  if (signal.aborted) return false;
  const ui = await o.mountUi();
  if (signal.aborted) {
    ui?.remove();
    return false;
  }
  if (ui) {
    signal.addEventListener('abort', ui.remove, { once: true });
    session.attachMarks(ui.layer, o.win);
  }
  session.refreshSaved(); // the marks layer exists now
  for (const subscribe of o.follow) signal.addEventListener('abort', subscribe(), { once: true });
  return true;
}
