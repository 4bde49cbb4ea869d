import { createHash } from 'node:crypto';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { CARD_CSS } from './components/card/card-css';
import { FORM_CSS } from './components/incident-form/form-css';
import { fastLoadingChunks, jsonThroughParse } from './scripts/build/vite-plugins';

/** The CSP source that allows one inline `<style>` with exactly this text. */
function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/**
 * Where a team server (TAXII 2.1) may be: any https origin, or plain http on this machine. Optional host
 * permissions: nothing is granted at install; the dashboard asks for the one origin the reader adds.
 */
export const TEAM_SERVER_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

/**
 * The extension pages' Content Security Policy: nothing by default (`default-src 'none'`), then only what
 * the popup and dashboard use: their own scripts and style sheets, and by hash the two inline `<style>`s
 * they render (the entity card's styles, and the capture form's wherever it is shown). No `img-src`,
 * `font-src`, `media-src` or `frame-src`, so an extension page cannot load or beacon anything, local or
 * remote. `connect-src` allows https and this machine's plain http for one reason: the background talks to
 * the team server the reader adds (a manifest's policy cannot name an address chosen later; the background
 * sends only to the origin of the server the reader added, whose host permission they granted). Every HTML
 * page narrows it again to `connect-src 'none'` with a policy of its own (`<meta>` in its index.html), so
 * the popup, dashboard and capture form still cannot fetch anything. No plugins, no `<base>` redirection,
 * no form posts.
 */
export const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  'connect-src https: http://127.0.0.1:* http://localhost:*',
  `style-src 'self' ${styleHash(CARD_CSS)} ${styleHash(FORM_CSS)}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The instrumented build (`APT_LENS_TIMING=1 wxt build …`, written to `.output/<target>-timing`): the shipped
 * code, production mode and all, plus the content script's `apt-lens:` performance marks, which a page could
 * read from its own timeline. Benches and the e2e suites load it; the shipped build never has them. (Not a
 * WXT mode: WXT sets NODE_ENV to the mode, which would build development code.)
 */
export const TIMING_ENV = 'APT_LENS_TIMING';
const timing = process.env[TIMING_ENV] === '1';

/** Gecko id shared by the Firefox builds and the e2e tests that pin the extension's UUID. */
export const GECKO_ID = 'apt-lens@apt-lens.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  ...(timing ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-timing' } : {}),
  vite: () => ({
    plugins: [preact(), jsonThroughParse(), fastLoadingChunks()],
    define: { __APT_LENS_TIMING__: JSON.stringify(timing) },
  }),
  webExt: { disabled: true },
  // One zip per build: Firefox MV2 and MV3 would otherwise share a name.
  zip: { artifactTemplate: '{{name}}-{{version}}-{{browser}}-{{manifestVersion}}.zip' },
  manifest: ({ browser, manifestVersion }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'APT Lens',
      description:
        'Highlights threat actors and government agencies in security news, explains who they are, and keeps a local record of incidents. Offline.',
      // Each permission is explained in README's Permissions section.
      permissions: ['storage', 'contextMenus', 'activeTab', 'scripting'],
      // MV2 lists optional origins among optional permissions; MV3 has a key of its own.
      ...(manifestVersion === 2
        ? { optional_permissions: TEAM_SERVER_ORIGINS }
        : { optional_host_permissions: TEAM_SERVER_ORIGINS }),
      commands: {
        'next-mention': {
          suggested_key: { default: 'Alt+Shift+J' },
          description: 'Go to the next highlighted name on the page',
        },
        'previous-mention': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: 'Go to the previous highlighted name on the page',
        },
        'save-incident': {
          suggested_key: { default: 'Alt+Shift+S' },
          description: 'Save the selected passage as an incident',
        },
      },
      options_ui: { page: 'dashboard.html', open_in_tab: true },
      // The capture form runs in a frame of its own origin inside the page (SECURITY.md), so typing never
      // happens in the page's document. Chrome gives it a fresh address each session, so a page cannot probe
      // for it; Firefox's addresses carry a random id per install already.
      // The page's second stage (the matcher and the session) is imported by the first stage, in the content
      // script's world, only into frames that may name something; the same per-session address in Chrome.
      web_accessible_resources: [
        {
          resources: ['capture.html', 'page-stage.js'],
          matches: ['<all_urls>'],
          ...(firefox ? {} : { use_dynamic_url: true }),
        },
      ],
      // WXT writes this as MV2's single string for the Firefox MV2 build.
      content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['none'] },
              },
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
});
