import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../wxt.config';

/** Where Debian's firefox-esr package puts the browser. */
export const FIREFOX = '/usr/bin/firefox-esr';

/** The extension's fixed moz-extension:// UUID in tests (set through a pref). */
export const FIREFOX_UUID = '6d1b3c55-7a61-4f0e-9a7e-2f6a1c0e8b11';

/** A Firefox ESR with the built extension installed as a temporary add-on. */
export interface FirefoxSession {
  browser: Browser;
  extensionOrigin: string;
  newPage(): Promise<Page>;
  /** Opens an extension page; `goto` never resolves for moz-extension:// so it waits for a selector. */
  openExtensionPage(path: string, selector: string): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Firefox ESR over WebDriver BiDi with `.output/firefox-mv2` (or `extDir`). */
export async function launchFirefox(options: { extDir?: string } = {}): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `Firefox ESR not found at ${FIREFOX}: install the Debian package "firefox-esr" (apt-get install -y firefox-esr)`,
    );
  }
  const ext = resolve(options.extDir ?? '.output/firefox-mv2');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'network.dns.localDomains': '',
      'network.proxy.type': 0,
      'browser.safebrowsing.downloads.remote.enabled': false,
    },
  });
  await browser.installExtension(ext);
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;
  return {
    browser,
    extensionOrigin,
    async newPage() {
      const page = await browser.newPage();
      await page.setViewport({ width: 1100, height: 900 });
      return page;
    },
    async openExtensionPage(path, selector) {
      const page = await browser.newPage();
      const open = () => void page.goto(`${extensionOrigin}/${path}`, { timeout: 0 }).catch(() => {});
      open();
      // While the moz-extension:// page is still loading, BiDi evaluations can fail outright: retry. On a
      // busy machine the first navigation is sometimes dropped, so it is issued once more.
      const start = Date.now();
      let reopened = false;
      for (;;) {
        try {
          await page.waitForSelector(selector, { timeout: 2_000 });
          return page;
        } catch (e) {
          if (Date.now() - start > 30_000) throw e;
          if (!reopened && Date.now() - start > 8_000) {
            reopened = true;
            open();
          }
        }
      }
    },
    close: () => browser.close(),
  };
}
