/**
 * The canonical address a document declares (`<link rel=canonical>`, else `og:url`), read by the content
 * script and sent with its report; the background decides whether to trust it (`pageAddress`).
 */
import type { ClaimedAddress } from './clean';

/** The document's declared canonical address, resolved against its base URL; undefined when none. */
export function declaredCanonical(doc: Document): string | undefined {
  const link = [...doc.querySelectorAll('link[rel][href]')].find((l) =>
    (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const og = doc.querySelector('meta[property="og:url"][content]');
  const raw = (link?.getAttribute('href') ?? og?.getAttribute('content') ?? '').trim();
  if (!raw) return undefined;
  try {
    return new URL(raw, doc.baseURI).href;
  } catch {
    return undefined;
  }
}

/**
 * Follows a page's address across a single-page site's navigations. Such a site often leaves the previous
 * article's canonical link in place when it pushes a new address: a canonical that did not change while the
 * location did is stale, and is not claimed (the location stands instead).
 */
export class AddressTracker {
  private last: ClaimedAddress | undefined;

  /** What to claim for the document as it is now. */
  claim(location: string, canonical: string | undefined): ClaimedAddress {
    const prev = this.last;
    const stale = prev !== undefined && prev.location !== location && prev.canonical === canonical;
    this.last = { location, canonical };
    return stale || !canonical ? { location } : { location, canonical };
  }
}
