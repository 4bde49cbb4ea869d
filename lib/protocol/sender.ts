/**
 * Who may send what, in one place: the sender checks of every message listener. The page is hostile: a
 * message counts only when the browser says it comes from this extension. Least privilege per sender: a
 * content script runs in a web page's renderer, which the page may have compromised, so it gets only what
 * reading a page needs; the store's writes that can destroy or rewrite records come only from extension
 * pages. A content script answers only the background and the extension's own pages.
 */
import type { Request } from './runtime';

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
 * incidents saved from their own page, save a new incident and read the tag list for the capture form;
 * nothing that changes or removes what is stored.
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
};

/** Where a page report comes from, as the browser says: its tab, its URL, and whether it may be recorded. */
export interface ReportSource {
  tabId: number;
  /** The sender's URL without its #fragment (the same article under another anchor is one page). */
  url: string;
  /** Only web pages (http, https) in ordinary windows are recorded; never a private (incognito) tab. */
  recordable: boolean;
}

/**
 * The source of a `sightings:page` report, or undefined when it is not one to act on: only a tab's top
 * frame reports its page (inner frames' names do not count), and the URL is the browser's, never the
 * message's.
 */
export function reportSource(sender: SenderInfo): ReportSource | undefined {
  const tab = sender.tab as { id?: unknown; incognito?: unknown } | undefined;
  if (!tab || typeof tab.id !== 'number' || sender.frameId !== 0 || typeof sender.url !== 'string')
    return undefined;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  url.hash = '';
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  return { tabId: tab.id, url: url.href, recordable: web && tab.incognito !== true };
}

/**
 * The request as the background should run it, or undefined when this sender may not send it. A content
 * script's page is the one the browser says it runs in: `incidents:for-page` gets the sender's URL, whatever
 * URL the message named.
 */
export function authorize(
  req: Request,
  kind: SenderKind,
  senderUrl: string | undefined,
): Request | undefined {
  if (!ALLOWED[req.type].includes(kind)) return undefined;
  if (kind === 'content-script' && req.type === 'incidents:for-page') {
    return senderUrl ? { type: 'incidents:for-page', url: senderUrl } : undefined;
  }
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
