/**
 * The content script's side of the page protocol: answers requests that pass the shape check and come
 * from this extension's background or pages (never another page's content script), until the context
 * is invalidated.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isExtensionSender, type PageRequest, parsePageRequest, type SenderInfo } from '../lib/protocol';

/** Routes every valid, allowed page request to `handle` and sends back its answer. */
export function answerPageRequests(ctx: ContentScriptContext, handle: (req: PageRequest) => unknown): void {
  const onMessage = (msg: unknown, sender: SenderInfo) => {
    if (!isExtensionSender(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
    const req = parsePageRequest(msg);
    return req ? Promise.resolve(handle(req)) : undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
