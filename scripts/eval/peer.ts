/**
 * The peer datasets' train and dev splits (DNRTI, APTNER: CTI report sentences labelled token by token by
 * their authors) as plain sentences with their threat-group spans. Only train and dev/valid are read; the
 * test splits stay unread so the papers' numbers remain comparable. The data is not ours to redistribute: it
 * is read from a clone given by path (`DNRTI_DIR` holding train.txt/valid.txt extracted from DNRTI.rar,
 * `APTNER_GIT` a git dir of wangxuren/APTNER) and never copied into the repo.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled sentence: text rebuilt from tokens, and the group spans in it. */
export interface PeerSentence {
  text: string;
  groups: { start: number; end: number }[];
}

/** Words that open no word space before them when tokens are joined back into text. */
const NO_SPACE_BEFORE = /^(?:[,.;:!?)\]}%]|['’]s|['’]|n['’]t|'re|'ve|'ll|'d)$/i;
const NO_SPACE_AFTER = /^[([{$]$/;

/** Rebuilds sentences from `token tag` lines; `groupTag` says whether a tag is part of a group span. */
export function sentencesFromTokens(
  source: string,
  isGroup: (tag: string) => 'begin' | 'inside' | null,
): PeerSentence[] {
  const out: PeerSentence[] = [];
  let text = '';
  let groups: PeerSentence['groups'] = [];
  let open: { start: number; end: number } | null = null;
  let noSpace = true;
  const flush = () => {
    if (open) groups.push(open);
    if (text.trim()) out.push({ text, groups });
    text = '';
    groups = [];
    open = null;
    noSpace = true;
  };
  for (const line of source.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2 || !parts[0]) {
      flush();
      continue;
    }
    const token = parts[0];
    const tag = parts[parts.length - 1]!;
    if (!noSpace && !NO_SPACE_BEFORE.test(token)) text += ' ';
    const start = text.length;
    text += token;
    noSpace = NO_SPACE_AFTER.test(token);
    const g = isGroup(tag);
    if (g === 'begin' || (g === 'inside' && !open)) {
      if (open) groups.push(open);
      open = { start, end: text.length };
    } else if (g === 'inside' && open) {
      open.end = text.length;
    } else if (open) {
      groups.push(open);
      open = null;
    }
  }
  flush();
  return out;
}

/** DNRTI's `B-HackOrg`/`I-HackOrg` (BIO). */
const dnrtiTag = (tag: string) => (tag === 'B-HackOrg' ? 'begin' : tag === 'I-HackOrg' ? 'inside' : null);
/** APTNER's `S-APT`, `B-APT`, `I-APT`, `E-APT` (BIOES). */
const aptnerTag = (tag: string) =>
  tag === 'S-APT' || tag === 'B-APT' ? 'begin' : tag === 'I-APT' || tag === 'E-APT' ? 'inside' : null;

/** A peer split by name, or undefined when its data is not on this machine. */
export function loadPeer(
  name: 'dnrti-train' | 'dnrti-valid' | 'aptner-train' | 'aptner-dev',
): PeerSentence[] | undefined {
  if (name.startsWith('dnrti')) {
    const dir = process.env.DNRTI_DIR ?? '/tmp/h22/dnrti';
    const file = join(dir, name === 'dnrti-train' ? 'train.txt' : 'valid.txt');
    return existsSync(file) ? sentencesFromTokens(readFileSync(file, 'utf8'), dnrtiTag) : undefined;
  }
  const dir = process.env.APTNER_GIT ?? '/work/.mirror/wangxuren+APTNER/repo';
  if (!existsSync(join(dir, 'HEAD'))) return undefined;
  const file = name === 'aptner-train' ? 'APTNERtrain.txt' : 'APTNERdev.txt';
  const source = execFileSync('git', ['--git-dir', dir, 'show', `HEAD:${file}`], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return sentencesFromTokens(source, aptnerTag);
}

/**
 * Spans the peers label as a group that are no name ("attackers", "the actors", "they"): named-group recall
 * leaves them out. A named span has a capital or a digit in a word that is not a generic noun.
 */
const GENERIC_WORD =
  /^(?:the|a|an|these|this|those|its|their|threat|attackers?|actors?|groups?|operators?|criminals?|hackers?|adversar(?:y|ies)|intruders?|they|them|activity|campaigns?|cyber|cybercriminals?|APT|APTs|state-sponsored|nation-state|sponsored|['’]s)$/i;

/** Whether a labelled span names a group (see `GENERIC_WORD`). */
export function isNamedGroup(span: string): boolean {
  return span.split(/\s+/).some((w) => /[\p{Lu}\d]/u.test(w) && !GENERIC_WORD.test(w.replace(/['’]s$/, '')));
}
