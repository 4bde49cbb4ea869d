/**
 * The layer rules in biome.json bite: Biome, with the project's own configuration, lints a scratch project
 * holding one planted violation per rule (and legal imports that must pass), and each is reported where
 * it was planted. See docs/architecture.md for the layers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PLANTED: Record<string, string> = {
  'lib/uses-browser.ts': "import { browser } from 'wxt/browser';\nexport const a = browser;\n",
  'lib/uses-wxt-utils.ts': "import { storage } from 'wxt/utils/storage';\nexport const b = storage;\n",
  'lib/uses-polyfill.ts': "import browser from 'webextension-polyfill';\nexport const c = browser;\n",
  'lib/uses-platform.ts': "import { p } from '../platform/helper';\nexport const d = p;\n",
  'lib/deep/uses-component.ts': "import { C } from '../../components/Card';\nexport const e = C;\n",
  'lib/uses-entrypoint.ts': "import { main } from '../entrypoints/main';\nexport const f = main;\n",
  'lib/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'lib/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  'lib/type-cycle-a.ts': "import type { B } from './type-cycle-b';\nexport type A = { b?: B };\n",
  'lib/type-cycle-b.ts': "import type { A } from './type-cycle-a';\nexport type B = { a?: A };\n",
  'components/uses-entrypoint.tsx': "import { main } from '../entrypoints/main';\nexport const g = main;\n",
  // Inside lib/, one import per layer that points up the order (docs/architecture.md).
  'lib/kb/uses-fields.ts': "import { f } from '../fields/kit';\nexport const h = f;\n",
  'lib/fields/uses-settings.ts': "import { s } from '../settings';\nexport const i = s;\n",
  'lib/settings-db.ts': "import { o } from './overlay/model';\nexport const j = o;\n",
  'lib/overlay/uses-incidents.ts': "import { n } from '../incidents/schema';\nexport const k = n;\n",
  'lib/incidents/uses-insights.ts': "import { d } from '../insights/drill';\nexport const l = d;\n",
  'lib/sightings/uses-backup.ts': "import { b } from '../backup/file';\nexport const m = b;\n",
  'lib/backup/uses-protocol.ts': "import type { R } from '../protocol/runtime';\nexport type N = R;\n",
  'lib/protocol/uses-page.ts': "import { p } from '../page/session';\nexport const o = p;\n",
  'lib/overlay/uses-browser.ts': "import { browser } from 'wxt/browser';\nexport const s = browser;\n",
  'lib/protocol/uses-service.ts': "import { q } from '../incidents-service';\nexport const r = q;\n",
  // Legal: each layer importing the ones below it.
  'lib/fields/kit.ts': "import { e } from '../kb/entity-id';\nexport const f = e;\n",
  'lib/incidents/uses-overlay.ts': "import { o } from '../overlay/model';\nexport const p = o;\n",
  'lib/backup/uses-incidents.ts': "import { i } from '../incidents/schema';\nexport const q = i;\n",
  'lib/page/uses-protocol.ts': "import type { R } from '../protocol/runtime';\nexport type S = R;\n",
  'lib/pure.ts': 'export const pure = 1;\n',
  'platform/helper.ts': "import { pure } from '../lib/pure';\nexport const p = pure;\n",
  'components/Card.tsx': "import { pure } from '../lib/pure';\nexport const C = pure;\n",
  'entrypoints/main.ts':
    "import { C } from '../components/Card';\nimport { p } from '../platform/helper';\nexport const main = C + p;\n",
};

let dir: string;
let found: { path: string; category: string }[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'apt-lens-boundaries-'));
  const config = JSON.parse(readFileSync('biome.json', 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  for (const [file, text] of Object.entries(PLANTED)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  let out: string;
  try {
    out = execFileSync(resolve('node_modules/.bin/biome'), ['lint', '--reporter=json', '.'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    out = (e as { stdout: string }).stdout; // errors found: exit code 1, the report is on stdout
  }
  const report = JSON.parse(out) as { diagnostics: { category: string; location: { path: string } }[] };
  found = report.diagnostics.map((d) => ({ path: d.location.path, category: d.category }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rules = (path: string) => found.filter((d) => d.path === path).map((d) => d.category);

describe('layer boundaries (biome.json)', () => {
  it.each([
    'lib/uses-browser.ts',
    'lib/uses-wxt-utils.ts',
    'lib/uses-polyfill.ts',
    'lib/uses-platform.ts',
    'lib/deep/uses-component.ts',
    'lib/uses-entrypoint.ts',
    'components/uses-entrypoint.tsx',
    'lib/kb/uses-fields.ts',
    'lib/fields/uses-settings.ts',
    'lib/settings-db.ts',
    'lib/overlay/uses-incidents.ts',
    'lib/incidents/uses-insights.ts',
    'lib/sightings/uses-backup.ts',
    'lib/backup/uses-protocol.ts',
    'lib/protocol/uses-page.ts',
    'lib/protocol/uses-service.ts',
    'lib/overlay/uses-browser.ts',
  ])('refuses the forbidden import in %s', (path) => {
    expect(rules(path)).toEqual(['lint/style/noRestrictedImports']);
  });

  it.each(['lib/cycle-a.ts', 'lib/cycle-b.ts', 'lib/type-cycle-a.ts', 'lib/type-cycle-b.ts'])(
    'reports the import cycle through %s, type-only imports included',
    (path) => {
      expect(rules(path)).toContain('lint/suspicious/noImportCycles');
    },
  );

  it('lets each layer import the ones below it', () => {
    for (const path of [
      'lib/pure.ts',
      'platform/helper.ts',
      'components/Card.tsx',
      'entrypoints/main.ts',
      'lib/fields/kit.ts',
      'lib/incidents/uses-overlay.ts',
      'lib/backup/uses-incidents.ts',
      'lib/page/uses-protocol.ts',
    ])
      expect(rules(path)).toEqual([]);
  });
});
