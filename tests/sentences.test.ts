import { describe, expect, it } from 'vitest';
import { sentenceAround, sentencesOf } from '../lib/sentences';

describe('sentences', () => {
  it('splits prose at end punctuation before a capital, paragraphs at blank lines', () => {
    expect(sentencesOf('The U.S. said so. “APT31 did it.” Then\nmore.\n\nNew para')).toEqual([
      'The U.S. said so.',
      '“APT31 did it.”',
      'Then more.',
      'New para',
    ]);
  });
});

describe('sentenceAround', () => {
  const text = 'Headline\nFirst one. The group APT31 struck again. Last one.\nNext block.';
  const span = (word: string) => {
    const at = text.indexOf(word);
    const s = sentenceAround(text, at, at + word.length);
    return text.slice(s.start, s.end);
  };
  it('gives the sentence a word stands in, never past a block’s edge', () => {
    expect(span('APT31')).toBe('The group APT31 struck again.');
    expect(span('First')).toBe('First one.');
    expect(span('Last')).toBe('Last one.');
    expect(span('Headline')).toBe('Headline');
    expect(span('Next')).toBe('Next block.');
  });
});
