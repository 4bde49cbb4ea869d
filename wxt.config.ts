import { createHash } from 'node:crypto';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { FORM_CSS } from './components/incident-form/form-css';
import { fastLoadingChunks, jsonThroughParse } from './scripts/build/vite-plugins';

/** The CSP source that allows one inline `<style>` with exactly this text. */
function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}

/**
 * The extension pages' Content Security Policy: nothing by default (`default-src 'none'`), then only what
 * the popup and dashboard use: their own scripts and style sheets, and the capture form's one inline
 * `<style>` by hash (wherever it is rendered). No `connect-src`, `img-src`, `font-src`, `media-src` or
 * `frame-src`, so an extension page cannot fetch, load or beacon anything, local or remote: "offline" is
 * the browser's rule, not a habit. No plugins, no `<base>` redirection, no form posts.
 */
export const EXTENSION_PAGES_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  `style-src 'self' ${styleHash(FORM_CSS)}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The build mode of the instrumented build (`wxt build --mode timing`, written to `.output/<target>-timing`):
 * the shipped code plus the content script's `apt-lens:` performance marks, which a page could read from its
 * own timeline. Benches and the e2e suites load it; the shipped build never has them.
 */
export const TIMING_MODE = 'timing';

/** Gecko id shared by the Firefox builds and the e2e tests that pin the extension's UUID. */
export const GECKO_ID = 'apt-lens@apt-lens.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact(), jsonThroughParse(), fastLoadingChunks()] }),
  webExt: { disabled: true },
  // One zip per build: Firefox MV2 and MV3 would otherwise share a name.
  zip: { artifactTemplate: '{{name}}-{{version}}-{{browser}}-{{manifestVersion}}.zip' },
  manifest: ({ browser }) => {
    const firefox = browser === 'firefox';
    return {
      name: 'APT Lens',
      description:
        'Highlights threat actors and government agencies in security news, explains who they are, and keeps a local record of incidents. Offline.',
      // Each permission is explained in README's Permissions section.
      permissions: ['storage', 'contextMenus', 'activeTab', 'scripting'],
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
