import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/**
 * The compiled knowledge base and matcher tables are large: shipped as one string for `JSON.parse`, they
 * load several times faster than the same data as a JavaScript object literal (Vite's default).
 */
function jsonThroughParse(): Plugin {
  const prefix = '\0apt-lens-json:';
  return {
    name: 'apt-lens:json-through-parse',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.json') || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The id must not end in .json, or Vite's own JSON plugin takes it back.
      return resolved?.id.includes('/lib/kb/data/') ? `${prefix}${resolved.id}.mjs` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const text = readFileSync(id.slice(prefix.length, -'.mjs'.length), 'utf8');
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`;
    },
  };
}

/**
 * Writes every bundle in ASCII, non-ASCII characters as \u escapes. One non-ASCII character (a name in
 * Cyrillic, a curly quote in a pattern) makes the browser hold and scan the whole script as two-byte text;
 * measured in a fresh tab, the content script then takes about 8 ms longer to evaluate. Escapes mean the
 * same in every place such a character can stand in this code: strings, templates, patterns, comments.
 */
function asciiOutput(): Plugin {
  const toEscape = (ch: string) => {
    const code = ch.charCodeAt(0);
    return ch.length === 1
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\u${code.toString(16)}\\u${ch.charCodeAt(1).toString(16)}`;
  };
  return {
    name: 'apt-lens:ascii-output',
    enforce: 'post',
    // After minification, which would turn the escapes back into characters.
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk')
          file.code = file.code.replace(/[\ud800-\udbff][\udc00-\udfff]|[^\0-\x7f]/g, toEscape);
      }
    },
  };
}

/** Gecko id shared by the Firefox builds and the e2e tests that pin the extension's UUID. */
export const GECKO_ID = 'apt-lens@apt-lens.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact(), jsonThroughParse(), asciiOutput()] }),
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
