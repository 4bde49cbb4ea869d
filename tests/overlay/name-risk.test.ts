import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NameFlag } from '../../lib/kb/types';
import { importedNameFlags, importedNameRisk, isGeneralWord } from '../../lib/overlay/name-risk';
import { unusableName } from '../../lib/overlay/usable-name';
import { generalWords, generalWordsFile, OUT } from '../../scripts/overlay/general-words';

describe('the general-words table', () => {
  it('is what scripts/overlay/general-words.ts writes from the word lists (run it after they change)', () => {
    expect(readFileSync(OUT, 'utf8')).toBe(generalWordsFile(generalWords()));
  }, 60_000);

  it('knows the common words, given names, places and brands a ransomware galaxy uses as names', () => {
    for (const w of [
      'Sport',
      'knight',
      'globe',
      'James',
      'Cuba',
      'Korean',
      'Philadelphia',
      'Telegram',
      'Matrix',
    ])
      expect(isGeneralWord(w), w).toBe(true);
    for (const w of ['Nhtnwcuf', 'Kimsuky', 'Gamaredon', 'Qakbot']) expect(isGeneralWord(w), w).toBe(false);
  });
});

describe('importedNameRisk: the KB compiler’s classes, for names from a file', () => {
  it('a word, a phrase of words, a person, a place, a brand or a product with a version is generic', () => {
    for (const name of [
      'Sport',
      'Cuba',
      'Korean',
      'globe',
      'knight',
      'Donald Trump',
      'Vice Society',
      'Windows10',
      'Office 365',
    ])
      expect(importedNameRisk(name), name).toBe('generic');
  });

  it('one invented word is a coinage; a surname’s particle does not make it camel case', () => {
    for (const name of ['Nhtnwcuf', 'Devos', 'DeVos', 'McGarnagle'])
      expect(importedNameRisk(name), name).toBe('coinage');
  });

  it('codes, camel-case coinages, vendor-scheme names and phrases with a rare word are distinctive', () => {
    for (const name of [
      'LockBit',
      'BlackCat',
      '8Base',
      'Hive0137',
      'Storm-0558',
      'Copper Lantern',
      'Nhtnwcuf Ransomware',
    ])
      expect(importedNameRisk(name), name).toBe('distinctive');
  });

  it('gives the written-form flags the compiler gives: a general word needs its capital, short names their case', () => {
    expect(importedNameFlags('Sport') & NameFlag.ordinaryWord).toBeTruthy();
    expect(importedNameFlags('MK-3') & NameFlag.short).toBeTruthy();
    expect(importedNameFlags('LOCKBITX') & NameFlag.caseSensitive).toBeTruthy();
    expect(importedNameFlags('LockBit')).toBe(0);
  });
});

describe('unusableName', () => {
  it('refuses stop words, phrases of stop words, one or two characters and bare numbers', () => {
    for (const name of [
      'the',
      'and',
      'with',
      'a',
      'The',
      'of the',
      'One',
      'J',
      'R',
      'GH',
      '42',
      '2023',
      '1.0',
    ])
      expect(unusableName(name), name).toBeDefined();
  });

  it('accepts short names with three letters or digits, and phrases with one real word', () => {
    for (const name of ['3AM', 'Play', 'The Com', 'MK-3', 'Hive'])
      expect(unusableName(name), name).toBeUndefined();
  });
});
