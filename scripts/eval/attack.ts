/**
 * Turns MITRE ATT&CK's linked descriptions into labelled plain text for the eval: relationship, campaign and
 * software descriptions lose their markdown and citations, and every `[Name](…/groups/Gxxxx)` link becomes a
 * gold span whose entity is the G-id. ATT&CK's terms ask that its text not be redistributed as ours, so the
 * converted text is cached under scripts/eval/.cache/ (gitignored) and never committed.
 *
 * Source: a git directory of mitre/cti (`ATTACK_CTI_GIT=/path/to/cti/.git`, or a checkout), read with
 * `git cat-file` so no checkout is needed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A labelled span in a converted sentence: a group link (`G0032`) or another link kind, for precision. */
export interface LinkSpan {
  start: number;
  end: number;
  /** `group`, `software`, `campaign` or `other` (techniques, mitigations). */
  kind: 'group' | 'software' | 'campaign' | 'other';
  /** The ATT&CK id the link points to (G0032, S0154, C0022, T1059…). */
  ref: string;
}

/** One sentence of ATT&CK prose with its links, and where it came from. */
export interface AttackSentence {
  text: string;
  links: LinkSpan[];
  /** The STIX object it came from (relationship, campaign, software), for grouping and the split. */
  source: string;
}

/** The converted set: sentences, and each group's G-id with its ATT&CK name. */
export interface AttackSet {
  commit: string;
  groups: Record<string, string>;
  sentences: AttackSentence[];
}

const CACHE = join(import.meta.dirname, '.cache');
const LINK = /\[([^\]]+)\]\(https:\/\/attack\.mitre\.org\/([a-z-]+)\/([A-Z]+\d+)(?:\/(\d+))?\)/g;

function git(dir: string, args: string[], input?: string): string {
  return execFileSync('git', ['--git-dir', dir, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 1 << 30,
  });
}

function gitDir(): string {
  const given = process.env.ATTACK_CTI_GIT;
  const candidates = [given, '/work/.mirror/mitre+cti/repo'].filter((d): d is string => !!d);
  for (const d of candidates) {
    if (existsSync(join(d, 'HEAD'))) return d;
    if (existsSync(join(d, '.git', 'HEAD'))) return join(d, '.git');
  }
  throw new Error('mitre/cti not found: set ATTACK_CTI_GIT to a clone (git dir or checkout) of mitre/cti');
}

interface StixObject {
  type: string;
  id: string;
  name?: string;
  description?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references?: { source_name: string; external_id?: string }[];
}

/** Reads every object of the given enterprise-attack folders in one `git cat-file --batch`. */
function readObjects(dir: string, commit: string, folders: string[]): StixObject[] {
  const paths = folders.flatMap((f) =>
    git(dir, ['ls-tree', '--name-only', commit, `enterprise-attack/${f}/`])
      .split('\n')
      .filter(Boolean),
  );
  const out = execFileSync('git', ['--git-dir', dir, 'cat-file', '--batch'], {
    input: paths.map((p) => `${commit}:${p}`).join('\n'),
    maxBuffer: 1 << 30,
  });
  const objects: StixObject[] = [];
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    const size = Number(out.subarray(at, nl).toString('latin1').split(' ')[2]);
    const body = out.subarray(nl + 1, nl + 1 + size).toString('utf8');
    at = nl + 1 + size + 1;
    objects.push(...(JSON.parse(body) as { objects: StixObject[] }).objects);
  }
  return objects;
}

/** Markdown and citations out, links kept as spans: returns the plain text and its links. */
export function plainText(description: string): { text: string; links: LinkSpan[] } {
  const cleaned = description
    .replace(/\(Citation:[^)]*\)/g, '')
    .replace(/<code>|<\/code>|`/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/\r/g, '');
  const links: LinkSpan[] = [];
  let text = '';
  let last = 0;
  for (const m of cleaned.matchAll(LINK)) {
    text += cleaned.slice(last, m.index);
    const [, name, section, ref] = m as unknown as [string, string, string, string];
    const kind =
      section === 'groups'
        ? 'group'
        : section === 'software'
          ? 'software'
          : section === 'campaigns'
            ? 'campaign'
            : 'other';
    links.push({ start: text.length, end: text.length + name.length, kind, ref });
    text += name;
    last = (m.index ?? 0) + m[0].length;
  }
  text += cleaned.slice(last);
  return { text, links };
}

/** Sentence ends: a period, ! or ? then space and a capital, digit or link; not after "e.g", "U.S", "Inc", initials. */
const NO_END_BEFORE = /(?:\b(?:e\.g|i\.e|etc|vs|Inc|Corp|Ltd|No|U\.S|U\.K|St|Mr|Dr|Jr|al)|\b\p{Lu})$/u;

/** Splits converted text into sentences, carrying each link into the sentence that holds it. */
export function sentencesOf(text: string, links: LinkSpan[], source: string): AttackSentence[] {
  const out: AttackSentence[] = [];
  const cuts: number[] = [0];
  const re = /[.!?]["”)]?\s+(?=[\p{Lu}\d["“(])|\n+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0][0] === '.' && NO_END_BEFORE.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    // Never cut inside a link's name.
    const at = m.index + m[0].length;
    if (links.some((l) => l.start < at && at < l.end)) continue;
    cuts.push(at);
  }
  cuts.push(text.length);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const raw = text.slice(cuts[i], cuts[i + 1]);
    const lead = raw.length - raw.trimStart().length;
    const from = cuts[i]! + lead;
    const body = raw.trim();
    if (body.length < 3) continue;
    const to = from + body.length;
    out.push({
      text: body,
      links: links
        .filter((l) => l.start >= from && l.end <= to)
        .map((l) => ({ ...l, start: l.start - from, end: l.end - from })),
      source,
    });
  }
  return out;
}

function attackIdOf(o: StixObject): string | undefined {
  return o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
}

/** Converts ATT&CK at the repository's HEAD (or reads the cache for that commit). */
export function loadAttack(): AttackSet {
  const dir = gitDir();
  const commit = git(dir, ['rev-parse', 'HEAD']).trim();
  const file = join(CACHE, `attack-${commit.slice(0, 12)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as AttackSet;
  const groups: Record<string, string> = {};
  for (const o of readObjects(dir, commit, ['intrusion-set'])) {
    const gid = attackIdOf(o);
    if (o.type === 'intrusion-set' && gid && !o.revoked && !o.x_mitre_deprecated && o.name)
      groups[gid] = o.name;
  }
  const sentences: AttackSentence[] = [];
  for (const o of readObjects(dir, commit, ['relationship', 'campaign', 'malware', 'tool'])) {
    if (o.revoked || o.x_mitre_deprecated || !o.description) continue;
    const { text, links } = plainText(o.description);
    if (!links.some((l) => l.kind === 'group')) continue;
    sentences.push(...sentencesOf(text, links, o.id));
  }
  mkdirSync(CACHE, { recursive: true });
  const set: AttackSet = { commit, groups, sentences };
  writeFileSync(file, JSON.stringify(set));
  return set;
}

/**
 * The deterministic split: a G-id whose hash falls in the last fifth is held out (scored only at the end).
 * Splitting by group, not by sentence, keeps a held-out group's names out of tuning altogether.
 */
export function isHeldOutGroup(gid: string): boolean {
  return createHash('sha256').update(`apt-lens-eval:${gid}`).digest()[0]! % 5 === 4;
}
