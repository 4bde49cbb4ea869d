/**
 * The content script's side of the page protocol: answers messages that come from this extension's
 * background or pages (never another page's content script) and name a page request, until the signal
 * stops it. The first stage only picks them out by name; the second stage checks their shape and answers
 * (it is loaded for the first one, so the first stage carries no schema).
 */
import { browser } from 'wxt/browser';
import { isExtensionSender, type SenderInfo } from '../lib/protocol/sender';

/** The page requests' names (`PageRequest['type']` in lib/protocol/page.ts). */
const PAGE_REQUEST = /^(?:page:[a-z]+|capture:open)$/;

/** Routes every allowed message that names a page request to `answer` and sends back its answer. */
export function answerPageRequests(signal: AbortSignal, answer: (msg: unknown) => Promise<unknown>): void {
  if (signal.aborted) return;
  const onMessage = (msg: unknown, sender: SenderInfo) => {
    if (!isExtensionSender(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
    const type = typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : undefined;
    return typeof type === 'string' && PAGE_REQUEST.test(type) ? answer(msg) : undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}
