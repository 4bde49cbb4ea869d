/** Per-name flags for the matcher: how careful it must be with a name on a page. */
import type { AliasFlags } from '../../lib/kb/types';
import { fold, isAllCaps } from './text';

/**
 * What decides `ordinaryWord`: a real English dictionary (common words, written in lower case) plus
 * curated names from other domains; a curated name the dictionary lacks is a proper name there too.
 */
export interface WordSource {
  dictionary: Set<string>;
  curated: Set<string>;
}

/** Flags that depend on the name alone (not ambiguity, not legacy). */
export function nameFlags(name: string, words: WordSource): AliasFlags {
  const flags: AliasFlags = {};
  const key = fold(name);
  const singleWord = !/[\s\d]/.test(name);
  const commonWord = singleWord && words.dictionary.has(key);
  if (commonWord || words.curated.has(key)) flags.ordinaryWord = true;
  if (flags.ordinaryWord && !commonWord) flags.properName = true;
  if (name.replace(/\s/g, '').length <= 4) flags.short = true;
  if (flags.short || (!name.includes(' ') && isAllCaps(name))) flags.caseSensitive = true;
  return flags;
}
