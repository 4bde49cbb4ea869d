/**
 * The typed senders of every message: `send` to the background (content scripts, popup, dashboard, capture
 * page) and `askTab` to a tab's content script. The answer's type follows from the request's type, so a
 * misspelt type or a wrong answer type fails to compile. Types only from `lib/protocol`: the schemas stay
 * out of the pages that only send.
 */
import { browser } from 'wxt/browser';
import type { PageRequest, PageResponseOf, Request, ResponseOf } from '../lib/protocol';

/** Sends a request to the background; resolves with its answer, rejects when it refused or failed. */
export function send<R extends Request>(req: R): Promise<ResponseOf[R['type']]> {
  return browser.runtime.sendMessage(req);
}

/**
 * Sends a request to the content script of a tab (one frame of it when `frameId` is given); rejects when no
 * content script answers (a browser page, the store).
 */
export function askTab<R extends PageRequest>(
  tabId: number,
  req: R,
  frameId?: number,
): Promise<PageResponseOf[R['type']]> {
  return browser.tabs.sendMessage(tabId, req, frameId === undefined ? undefined : { frameId });
}
