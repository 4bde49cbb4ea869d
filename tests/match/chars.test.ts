import { describe, expect, it } from 'vitest';
import { Cls, classByPattern, classOf } from '../../lib/match/chars';

describe('character classes', () => {
  it('answers Latin-1 and General Punctuation from tables that agree with the Unicode patterns', () => {
    const codes = [
      ...Array.from({ length: 0x80 }, (_, i) => 0x80 + i),
      ...Array.from({ length: 0x70 }, (_, i) => 0x2000 + i),
    ];
    for (const code of codes) expect(classOf(code), `U+${code.toString(16)}`).toBe(classByPattern(code));
  });

  it('classes a few characters as news text uses them', () => {
    expect(classOf('é'.charCodeAt(0))).toBe(Cls.word);
    expect(classOf('\u00a0'.charCodeAt(0))).toBe(Cls.sep);
    expect(classOf('\u2013'.charCodeAt(0))).toBe(Cls.sep);
    expect(classOf('\u201c'.charCodeAt(0))).toBe(Cls.other);
    expect(classOf('中'.charCodeAt(0))).toBe(Cls.ideo);
    expect(classOf('\u0301'.charCodeAt(0))).toBe(Cls.mark);
  });
});
