import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  asciiOnly,
  jsonThroughParse,
  plainBigTemplates,
  stringLiteral,
} from '../../scripts/build/vite-plugins';

const evaluate = (code: string): unknown => runInNewContext(code);

describe('build rewrites of the bundled scripts', () => {
  it('writes any text as a string literal that evaluates back to it', () => {
    for (const text of [
      'plain',
      '{"a":"b"}',
      "it's",
      'both \' and "',
      'a\\b\nc\rd\u2028e\tf',
      '`${x}`',
      '',
    ]) {
      expect(evaluate(stringLiteral(text))).toBe(text);
    }
    expect(stringLiteral('{"a":"b"}')).toBe(`'{"a":"b"}'`);
  });

  it('turns big templates into strings, leaving small, tagged and substituted ones', () => {
    const big = 'x'.repeat(5000);
    const code = `var a=\`${big}\\n\\u00e9\`,b=\`small\`,c=String.raw\`${big}\\n\`,d=\`${big}\${b}\`;[a,b,c,d]`;
    const out = plainBigTemplates(code, 'script');
    expect(out).toContain(`var a="${big}\\né"`);
    expect(out).toContain('b=`small`');
    expect(evaluate(out)).toEqual(evaluate(code));
  });

  it('escapes every non-ASCII character without changing what the code means', () => {
    const code = 'var s="NÚKIB 中国 😀",r=/[“‘]/u,t=`é`;[s,r.test("‘"),t]';
    const out = asciiOnly(code);
    expect(/[^\0-\x7f]/.test(out)).toBe(false);
    expect(evaluate(out)).toEqual(evaluate(code));
  });

  it('leaves tagged templates as written, so String.raw of "NÚKIB" still gives "NÚKIB"', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this string is JavaScript source under test
    const code = 'var a=String.raw`NÚKIB\\d ${"é"}`,b=`NÚKIB`,c="中国";[a,b,c]';
    const out = asciiOnly(code, 'script');
    expect(evaluate(out)).toEqual(evaluate(code));
    expect(evaluate(out)).toEqual(['NÚKIB\\d é', 'NÚKIB', '中国']);
    expect(out).toContain('String.raw`NÚKIB');
    expect(out).toContain('b=`N\\u00daKIB`');
    expect(out).toContain('c="\\u4e2d\\u56fd"');
  });

  it('leaves ASCII code untouched without parsing it', () => {
    const code = 'not even JavaScript ((';
    expect(asciiOnly(code)).toBe(code);
  });
});

/** Calls a plugin hook as Vite would, with `this.resolve` resolving relative to the importer. */
function hook(plugin: Plugin, name: 'resolveId' | 'load', ...args: unknown[]): Promise<unknown> {
  const fn = plugin[name] as (...a: unknown[]) => unknown;
  const ctx = {
    resolve: async (source: string, importer: string) => ({ id: resolve(importer, '..', source) }),
  };
  return Promise.resolve(fn.apply(ctx, args));
}

describe('jsonThroughParse', () => {
  const plugin = jsonThroughParse();
  const importer = resolve('lib/kb/index.ts');

  it('takes the JSON files under data/kb/ and leaves every other import to Vite', async () => {
    const id = (await hook(plugin, 'resolveId', '../../data/kb/kb.json', importer)) as string;
    expect(id).toMatch(/^\0apt-lens-json:.*\/data\/kb\/kb\.json\.mjs$/);
    expect(await hook(plugin, 'resolveId', '../../package.json', importer)).toBeNull();
    expect(await hook(plugin, 'resolveId', './names', importer)).toBeNull();
    expect(await hook(plugin, 'resolveId', '../../data/kb/kb.json', undefined)).toBeNull();
    expect(await hook(plugin, 'load', resolve('data/kb/kb.json'))).toBeNull();
  });

  it('loads a module whose default export is the same data, through one JSON.parse of a string', async () => {
    for (const file of ['kb.json', 'manifest.json']) {
      const id = (await hook(plugin, 'resolveId', `../../data/kb/${file}`, importer)) as string;
      const code = (await hook(plugin, 'load', id)) as string;
      expect(code).toMatch(/^export default JSON\.parse\("/);
      const data = evaluate(code.replace('export default ', ''));
      expect(data).toEqual(JSON.parse(readFileSync(`data/kb/${file}`, 'utf8')));
    }
  });

  it('loads the bundled tables as one string literal with no escape in it', async () => {
    const id = (await hook(plugin, 'resolveId', '../../data/kb/tables.json', importer)) as string;
    const code = (await hook(plugin, 'load', id)) as string;
    expect(code).toMatch(/^export default "[^\\"]*";$/);
    expect(evaluate(code.replace('export default ', ''))).toBe(
      JSON.parse(readFileSync('data/kb/tables.json', 'utf8')),
    );
  });
});
