/**
 * Spaced forms of joined names. The matcher lets the text join what a name spaces ("LotusBlossom" finds
 * "Lotus Blossom") but not split what a name joins, since splitting every camel-case name read "DoNot" as
 * "Do Not". A joined name that stands for a phrase (one that opens with "The" or ends with a word for a
 * group: "TheDarkOverlord", "SyrianElectronicArmy", "FallagaTeam") is written
 * spaced in the press too, so that form is added as a name of the same actor, with the same credit.
 */
import { addName, type Draft } from './drafts';
import { fold } from './text';

const GROUP_WORD =
  /^(?:Army|Team|Group|Gang|Crew|Squad|Hackers|Collective|Alliance|Legion|Brigade|Security)$/;

/** The spaced form of a joined phrase name, or undefined when the name is no such phrase. */
export function spacedForm(name: string): string | undefined {
  if (!/^\p{L}+$/u.test(name)) return undefined;
  const words = name.split(/(?<=\p{Ll})(?=\p{Lu})/u);
  if (words.length < 2 || !words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) return undefined;
  if (words[0] === 'The' || GROUP_WORD.test(words.at(-1)!)) return words.join(' ');
  return undefined;
}

/** Adds the spaced form of every joined phrase name. */
export function addSpacedForms(drafts: Draft[]): void {
  for (const d of drafts)
    for (const entry of [...d.names.values()])
      for (const s of entry.spellings) {
        const spaced = spacedForm(s);
        if (!spaced || d.names.has(fold(spaced))) continue;
        addName(d, spaced, entry.source, entry.legacy);
        d.names.get(fold(spaced))!.spacedFrom = s;
      }
}
