import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../lib/sentences';

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
