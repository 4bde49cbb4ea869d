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
});
