/** The content script's one message after reading its page: what it names, for the badge and sightings. */
import type { ReportedEntity } from '../lib/page/sighting-report';
import type { RequestOf } from '../lib/protocol';
import { AddressTracker, declaredCanonical } from '../lib/url/canonical';
import { send as sendMessage } from './messaging';
import { measure } from './timing';

/** The page's address across a single-page site's navigations (one per content script, so per document). */
const address = new AddressTracker();

/**
 * Sends the page's report to the background when the page is idle (within two seconds): the first message a
 * page sends sets up the browser's messaging, a few milliseconds that no input or frame should wait for.
 * The message says where the page is now and its canonical address; the background files it under one
 * of them only when it is of the sender's own site, and cleans it.
 */
export function sendSightingsReport(
  r: { visit: boolean; entities: ReportedEntity[] },
  signal?: AbortSignal,
): void {
  if (signal?.aborted) return;
  const req: RequestOf<'sightings:page'> = {
    type: 'sightings:page',
    title: document.title.slice(0, 500),
    visit: r.visit,
    entities: r.entities,
    address: address.claim(location.href, declaredCanonical(document)),
  };
  const send = () => {
    const t0 = performance.now();
    sendMessage(req).catch(() => {
      // The extension was updated or reloaded under the page: nothing to tell.
    });
    measure('apt-lens:report-send', t0);
  };
  // A stopped script sends nothing: the waiting callback is cancelled with it.
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(send, { timeout: 2000 });
    signal?.addEventListener('abort', () => cancelIdleCallback(id), { once: true });
  } else {
    const id = setTimeout(send, 0);
    signal?.addEventListener('abort', () => clearTimeout(id), { once: true });
  }
}
