import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { fastLoadingChunks, jsonThroughParse } from './scripts/build/vite-plugins';

/**
 * The extension pages' Content Security Policy, set explicitly rather than left to each browser's default:
 * only the extension's own scripts, no plugins, no <base> redirection, no form posts anywhere.
 */
export const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'self'; base-uri 'none'; form-action 'none'";

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
      // The capture form runs in a frame of its own origin inside the page (SECURITY.md), so typing never
      // happens in the page's document. Chrome gives it a fresh address each session, so a page cannot probe
      // for it; Firefox's addresses carry a random id per install already.
      web_accessible_resources: [
        {
          resources: ['capture.html'],
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
