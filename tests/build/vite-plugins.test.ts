import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiOnly, plainBigTemplates, stringLiteral } from '../../scripts/build/vite-plugins';

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
});
