import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { cardDataFor } from '../lib/kb/card-data';
import { isTrustedSender, parseRequest, type Request, type ResponseOf } from '../lib/messages';

async function handle(req: Request): Promise<ResponseOf[Request['type']]> {
  switch (req.type) {
    case 'kb:entity':
      return cardDataFor(req.id);
  }
}

export default defineBackground(() => {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((msg: unknown, sender) => {
    if (!isTrustedSender(sender, browser.runtime.id, origin)) return undefined;
    const req = parseRequest(msg);
    if (!req) return Promise.reject(new Error('apt-lens: malformed message'));
    return handle(req);
  });

  // Keyboard shortcuts move through the mentions of the tab they were pressed in.
  browser.commands.onCommand.addListener((command, tab) => {
    const direction = command === 'next-mention' ? 1 : command === 'previous-mention' ? -1 : 0;
    if (direction && tab?.id !== undefined) {
      browser.tabs.sendMessage(tab.id, { type: 'page:navigate', direction }).catch(() => {
        // No content script there (a browser page, the store): nothing to move through.
      });
    }
  });
});
