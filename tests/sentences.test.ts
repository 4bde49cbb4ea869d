import { describe, expect, it } from 'vitest';
import { sentenceAt, sentencesOf } from '../lib/sentences';

describe('sentences', () => {
  it('splits prose at end punctuation before a capital, paragraphs at blank lines', () => {
    expect(sentencesOf('The U.S. said so. “APT31 did it.” Then\nmore.\n\nNew para')).toEqual([
      'The U.S. said so.',
      '“APT31 did it.”',
      'Then more.',
      'New para',
    ]);
  });

  const text =
    'Headline about APT31\nPrague said on Monday it was hit. It blamed APT31, linked to the MSS. Done.';
  it('finds the sentence around an offset, within its block', () => {
    expect(sentenceAt(text, text.indexOf('APT31'))).toBe('Headline about APT31');
    expect(sentenceAt(text, text.lastIndexOf('APT31'))).toBe('It blamed APT31, linked to the MSS.');
    expect(sentenceAt(text, text.indexOf('Prague'))).toBe('Prague said on Monday it was hit.');
    expect(sentenceAt(text, text.indexOf('Done'))).toBe('Done.');
  });

  it('collapses spaces, and cuts an endless sentence to a window around the name', () => {
    expect(sentenceAt('It   was\u00a0APT31 .', 9)).toBe('It was APT31 .');
    const long = `${'word '.repeat(200)}APT31 ${'more '.repeat(200)}`;
    const s = sentenceAt(long, long.indexOf('APT31'), 100);
    expect(s).toContain('APT31');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(102);
  });
});
