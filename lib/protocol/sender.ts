/**
 * Who may send what, in one place: the sender checks of every message listener. The page is hostile: a
 * message counts only when the browser says it comes from this extension. Least privilege per sender: a
 * content script runs in a web page's renderer, which the page may have compromised, so it gets only what
 * reading a page needs; the store's writes that can destroy or rewrite records come only from extension
 * pages. A content script answers only the background and the extension's own pages.
 */
import { type ClaimedAddress, type CleanOptions, pageAddress } from '../url/clean';
import type { Request } from './runtime';
import { TEAM_ALLOWED } from './team';

/** Whether `claimed` has the same origin as `senderUrl` (a single-page site's pushState stays within it). */
function sameOrigin(senderUrl: string, claimed: string): boolean {
  try {
    return new URL(claimed).origin === new URL(senderUrl).origin;
  } catch {
    return false;
  }
}

/** The host name of a sender's URL ('' when it has none). */
export function senderHost(senderUrl: string | undefined): string {
  try {
    return senderUrl ? new URL(senderUrl).hostname : '';
  } catch {
    return '';
  }
}

/** What a listener knows about a message's sender (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  /** 0 in a tab's top frame. */
  frameId?: number;
}

/** Who sent a message: one of our extension pages, our content script in a web page, or anyone else. */
export type SenderKind = 'extension-page' | 'content-script' | 'untrusted';

/** Classifies a sender by the browser's own account of it (never by anything in the message). */
export function senderKind(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return 'untrusted';
  if (sender.url.startsWith(extensionOrigin)) return 'extension-page';
  // A content script always runs in a tab; a sender without one that is not our page is not ours.
  return sender.tab ? 'content-script' : 'untrusted';
}

/**
 * Which sender kinds may send each request type. Content scripts may read an entity's card and the
 * incidents saved from their own page, save a new incident from their own page and read their own site's
 * tags for the capture form, get their own site's view of the settings and change what their card offers
 * (an entity's star, "not on this site" for their own site); nothing that changes or removes what is
 * stored, nothing of other sites, never the whole settings.
 */
export const ALLOWED: Readonly<Record<Request['type'], readonly SenderKind[]>> = {
  'kb:entity': ['extension-page', 'content-script'],
  'incidents:for-page': ['extension-page', 'content-script'],
  'incidents:save': ['extension-page', 'content-script'],
  'incidents:tags': ['extension-page', 'content-script'],
  'incidents:update': ['extension-page'],
  'incidents:delete': ['extension-page'],
  'incidents:restore': ['extension-page'],
  'incidents:tag': ['extension-page'],
  'incidents:import': ['extension-page'],
  // The reader's own names change only from the dashboard: a page's renderer could otherwise plant names.
  'overlay:write': ['extension-page'],
  'overlay:import': ['extension-page'],
  'sightings:page': ['content-script'],
  'sightings:clear': ['extension-page'],
  'settings:get': ['extension-page'],
  'settings:put': ['extension-page'],
  'settings:page': ['content-script'],
  'settings:watch': ['content-script'],
  'settings:not-on-site': ['content-script'],
  ...TEAM_ALLOWED,
};

/** Where a page report comes from, as the browser says: its tab, its address, and whether it may be recorded. */
export interface ReportSource {
  tabId: number;
  /**
   * The page's address (`pageAddress`): its canonical or current address when of the sender's own site,
   * else the sender's URL; without credentials, fragment, and query string unless the reader keeps them.
   */
  url: string;
  /** Only web pages (http, https) in ordinary windows are recorded; never a private (incognito) tab. */
  recordable: boolean;
  /** The host of the browser's URL of the sender (the one the reader paused, if they did). */
  senderHost: string;
}

/**
 * The source of a `sightings:page` report, or undefined when it is not one to act on: only a tab's top
 * frame reports its page (inner frames' names do not count), and the address is the browser's URL of the
 * sender or one of the same site the message claims, never another site's.
 */
export function reportSource(
  sender: SenderInfo,
  claimed: ClaimedAddress = {},
  options: CleanOptions = {},
): ReportSource | undefined {
  const tab = sender.tab as { id?: unknown; incognito?: unknown } | undefined;
  if (!tab || typeof tab.id !== 'number' || sender.frameId !== 0 || typeof sender.url !== 'string')
    return undefined;
  const url = pageAddress(sender.url, claimed, options);
  if (url === undefined) {
    // Not a web page (a file, the browser's own pages): reported for the badge, never recorded.
    try {
      const bare = new URL(sender.url);
      bare.hash = '';
      return { tabId: tab.id, url: bare.href, recordable: false, senderHost: bare.hostname };
    } catch {
      return undefined;
    }
  }
  return { tabId: tab.id, url, recordable: tab.incognito !== true, senderHost: senderHost(sender.url) };
}

/**
 * The request as the background should run it, or undefined when this sender may not send it. A content
 * script's page is the one the browser says it runs in: the URL of `incidents:for-page` and of a saved
 * incident is the sender's (or the location the message names when it has the sender's origin: a
 * single-page site's later article), and `incidents:tags` lists only the sender's site's tags.
 */
export function authorize(
  req: Request,
  kind: SenderKind,
  senderUrl: string | undefined,
): Request | undefined {
  if (!ALLOWED[req.type].includes(kind)) return undefined;
  if (kind !== 'content-script') return req;
  if (!senderUrl) return undefined;
  const own = (claimed: string) => (sameOrigin(senderUrl, claimed) ? claimed : senderUrl);
  if (req.type === 'incidents:for-page') return { type: 'incidents:for-page', url: own(req.url) };
  if (req.type === 'incidents:save') return { ...req, draft: { ...req.draft, url: own(req.draft.url) } };
  if (req.type === 'incidents:tags') return { type: 'incidents:tags', site: senderHost(senderUrl) };
  return req;
}

/**
 * Only this extension's background and its own pages may ask a content script anything: never another
 * page's content script (it runs in a tab whose URL is not the extension's).
 */
export function isExtensionSender(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  return !sender.tab || (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin));
}
