/**
 * The address a page is stored and shared under. A page's URL can carry secrets (`user:password@`, a
 * `?token=` or session id in the query, a fragment the page's script reads) and click-tracking parameters
 * that make one article look like many. What APT Lens keeps is the page's canonical address when the page
 * declares an acceptable one, else its location, always without credentials and fragment, and without the
 * query string unless the reader chose to keep query strings (then only known tracking parameters go).
 */

/** Query parameters that only say where a click came from: campaign tags, ad and social click ids. */
const TRACKING_PARAM =
  /^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|igsh|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|__hstc|__hssc|__hsfp|hsctatracking|mkt_tok|oly_anon_id|oly_enc_id|vero_id|vero_conv|wickedid|rb_clickid|li_fat_id|s_cid|cmpid|ncid|sr_share|at_medium|at_campaign|at_custom\d|guccounter|guce_referrer|guce_referrer_sig|ref_src|ref_url|smid|spm|soc_src|soc_trk|__twitter_impression)$/i;

/** How addresses are cleaned: `keepQuery` is the reader's choice to keep query strings (default: drop). */
export interface CleanOptions {
  keepQuery?: boolean;
}

/** Whether a query parameter only tracks the click (it never identifies the page). */
export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAM.test(name);
}

/**
 * `raw` fit to store and share, or undefined when it is not an `http:`/`https:` URL: no credentials, no
 * fragment, and no query string (with `keepQuery`, the query without its tracking parameters).
 */
export function cleanUrl(raw: string, options: CleanOptions = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  url.hash = '';
  if (options.keepQuery) {
    for (const name of [...new Set(url.searchParams.keys())])
      if (isTrackingParam(name)) url.searchParams.delete(name);
    // `searchParams` re-encodes what it touches: an untouched query keeps its own spelling.
    if (url.search === '?') url.search = '';
  } else {
    url.search = '';
  }
  return url.href;
}

/** A host name without one leading `www.` (the same site's two spellings). */
function bareHost(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * Whether `claimed` may stand for a page at `page`: an `http:`/`https:` address of the same site (the same
 * host, with or without `www.`, and the same port), over the same scheme or an `http:` page's `https:` twin.
 * A page may name any address of its own site (it controls that site anyway), never another site's.
 */
export function sameSite(page: string, claimed: string): boolean {
  let a: URL;
  let b: URL;
  try {
    a = new URL(page);
    b = new URL(claimed);
  } catch {
    return false;
  }
  if (b.protocol !== 'http:' && b.protocol !== 'https:') return false;
  if (a.protocol !== b.protocol && !(a.protocol === 'http:' && b.protocol === 'https:')) return false;
  return bareHost(a.hostname) === bareHost(b.hostname) && a.port === b.port;
}

/** What a content script says about its page's address (nothing here is trusted as it comes). */
export interface ClaimedAddress {
  /** `location.href` now: a single-page site's later article has its own, while the sender's URL stays. */
  location?: string;
  /** The page's `<link rel=canonical>` or `og:url`, when it declares one that is current. */
  canonical?: string;
}

/**
 * The address a page is filed under, from the browser's URL of the sender and what its content script
 * claims: the canonical address if it is of the same site (its query kept, but for tracking), else the current location if it is of the same
 * origin as the sender's URL (pushState cannot leave the origin), else the sender's URL; cleaned. Undefined
 * when the sender's URL is not a web page.
 */
export function pageAddress(
  senderUrl: string,
  claimed: ClaimedAddress = {},
  options: CleanOptions = {},
): string | undefined {
  let origin: string;
  try {
    origin = new URL(senderUrl).origin;
  } catch {
    return undefined;
  }
  let here = senderUrl;
  if (claimed.location) {
    try {
      if (new URL(claimed.location).origin === origin) here = claimed.location;
    } catch {
      // A location that is not a URL is ignored: the sender's URL stands.
    }
  }
  if (cleanUrl(here) === undefined) return undefined;
  // A canonical address is the one the site publishes for the article, query included (`?id=` may be the
  // article): only its tracking parameters go.
  if (claimed.canonical && sameSite(here, claimed.canonical))
    return cleanUrl(claimed.canonical, { keepQuery: true });
  return cleanUrl(here, options);
}
