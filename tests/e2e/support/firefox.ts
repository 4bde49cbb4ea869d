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

/** The Firefox MV2 timing build (the shipped code plus the content script's marks the suites wait on). */
export const FIREFOX_TIMING_BUILD = '.output/firefox-mv2-timing';

/** Launches Firefox ESR over WebDriver BiDi with the timing build (or `extDir`, e.g. the shipped build). */
export async function launchFirefox(
  options: { extDir?: string; profile?: string; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `Firefox ESR not found at ${FIREFOX}: install the Debian package "firefox-esr" (apt-get install -y firefox-esr)`,
    );
  }
  const ext = resolve(options.extDir ?? FIREFOX_TIMING_BUILD);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    ...(options.profile ? { userDataDir: options.profile } : {}),
    extraPrefsFirefox: {
      ...options.prefs,
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
      const url = `${extensionOrigin}/${path}`;
      const open = async () => {
        const page = await browser.newPage();
        void page.goto(url, { timeout: 0 }).catch(() => {});
        return page;
      };
      // While the moz-extension:// page is still loading, BiDi evaluations can fail outright: retry. On a
      // busy machine a navigation is sometimes dropped and its tab never recovers (every evaluation keeps
      // failing), so after a while the page is opened again in a fresh tab and the stuck one closed.
      let page = await open();
      const start = Date.now();
      let opened = start;
      for (;;) {
        try {
          await page.waitForSelector(selector, { timeout: 2_000 });
          return page;
        } catch (e) {
          if (Date.now() - start > 45_000) throw e;
          if (Date.now() - opened > 10_000) {
            const stuck = page;
            page = await open();
            opened = Date.now();
            void stuck.close().catch(() => {});
          }
        }
      }
    },
    close: () => browser.close(),
  };
}
