/**
 * Who sent a message: the sender checks of every message listener. The page is hostile: a message counts
 * only when the browser says it comes from this extension. Least privilege per sender (`authorize.ts`): a
 * content script runs in a web page's renderer, which the page may have compromised, so it gets only what
 * reading a page needs; the store's writes that can destroy or rewrite records come only from extension
 * pages. A content script answers only the background and the extension's own pages.
 */
import { type ClaimedAddress, type CleanOptions, pageAddress } from '../url/clean';
import type { SenderKind } from './table';

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

/** Classifies a sender by the browser's own account of it (never by anything in the message). */
export function senderKind(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return 'untrusted';
  if (sender.url.startsWith(extensionOrigin)) return 'extension-page';
  // A content script always runs in a tab; a sender without one that is not our page is not ours.
  return sender.tab ? 'content-script' : 'untrusted';
}

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
 * Only this extension's background and its own pages may ask a content script anything: never another
 * page's content script (it runs in a tab whose URL is not the extension's).
 */
export function isExtensionSender(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  return !sender.tab || (typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin));
}
