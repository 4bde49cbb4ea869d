import { describe, expect, it } from 'vitest';
import { lowerBound, WordIndex } from '../../lib/match/word-index';

describe('WordIndex', () => {
  const text = 'a hack here, malware there; nothing for a while ........................ then a hack again';
  const naive = (lo: number, hi: number) =>
    [...text.matchAll(/\b(?:hack|malware)\b/g)].filter((m) => m.index >= lo && m.index + m[0].length <= hi)
      .length;

  it.each([
    [0, 12],
    [0, text.length],
    [3, 30],
    [2, 6],
    [60, text.length],
    [0, 5],
  ])('counts matches wholly inside [%i, %i) like a scan of the whole text', (lo, hi) => {
    expect(new WordIndex(text, /\b(?:hack|malware)\b/i).count(lo, hi)).toBe(naive(lo, hi));
  });

  it('answers windows asked out of order and after jumps', () => {
    const index = new WordIndex(text, /\b(?:hack|malware)\b/i);
    for (const [lo, hi] of [
      [60, text.length],
      [0, 12],
      [0, text.length],
      [13, 20],
      [2, 30],
    ] as const)
      expect(index.count(lo, hi), `[${lo}, ${hi})`).toBe(naive(lo, hi));
  });

  it('finds the first element not below a value', () => {
    expect([0, 1, 5, 9, 10].map((v) => lowerBound([1, 5, 9], v))).toEqual([0, 0, 1, 2, 3]);
  });
});
