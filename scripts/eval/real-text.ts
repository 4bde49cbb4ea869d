/**
 * Scores the mention finder on real security text nobody here wrote: ATT&CK's link-labelled descriptions
 * (each sentence alone, and each group's sentences joined as on its ATT&CK page) and the peer datasets'
 * train/dev splits. Recall, resolution and precision per set and per name class (distinctive, coinage,
 * generic, or absent from the KB), and a calibration table. Every miss and false alarm goes to
 * scripts/eval/.cache/<set>.txt (gitignored, since it quotes the sources) for reading.
 *
 * `npm run eval -- --attack` scores the dev part of ATT&CK (four fifths of the groups, split by a hash of
 * the G-id), `--attack-held-out` the held-out fifth; `--peer` the DNRTI and APTNER train splits,
 * `--peer-dev` their dev splits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKb } from '../../lib/kb';
import { loadNameTable } from '../../lib/kb/names';
import { NameFlag } from '../../lib/kb/types';
import { surfaceKey } from '../../lib/match/chars';
import { findMentions } from '../../lib/match/find-mentions';
import type { Mention } from '../../lib/match/types';
import { type AttackSentence, isHeldOutGroup, loadAttack } from './attack';
import { isNamedGroup, loadPeer, type PeerSentence } from './peer';

const CACHE = join(import.meta.dirname, '.cache');

type NameClass = 'distinctive' | 'coinage' | 'generic' | 'absent';

/** The risk class of a written name, from the KB rows that carry it (the riskiest wins), or `absent`. */
function classifier(): (written: string) => NameClass {
  const byKey = new Map<string, NameClass>();
  const order: NameClass[] = ['absent', 'distinctive', 'coinage', 'generic'];
  for (const row of loadNameTable()) {
    if (row.kind !== 'actor') continue;
    const key = surfaceKey(row.name).toLowerCase();
    const cls: NameClass =
      row.flags & NameFlag.generic ? 'generic' : row.flags & NameFlag.coinage ? 'coinage' : 'distinctive';
    const had = byKey.get(key) ?? 'absent';
    if (order.indexOf(cls) > order.indexOf(had)) byKey.set(key, cls);
  }
  return (written) => {
    const bare = written.replace(/['’]s$/, '').replace(/\s+(?:group|team|APT)$/i, '');
    return (
      byKey.get(surfaceKey(bare).toLowerCase()) ?? byKey.get(surfaceKey(written).toLowerCase()) ?? 'absent'
    );
  };
}

interface Cell {
  gold: number;
  found: number;
  resolvable: number;
  resolved: number;
}

const newCell = (): Cell => ({ gold: 0, found: 0, resolvable: 0, resolved: 0 });

/** Tallies of one scored set. */
class Score {
  readonly byClass = new Map<NameClass, Cell>();
  readonly all = newCell();
  predicted = 0;
  falseAlarms = 0;
  readonly buckets = new Map<number, { n: number; right: number }>();
  readonly notes: string[] = [];

  gold(cls: NameClass, found: boolean, resolvable: boolean, resolved: boolean): void {
    for (const cell of [this.all, this.byClass.get(cls) ?? newCell()]) {
      cell.gold++;
      if (found) cell.found++;
      if (found && resolvable) cell.resolvable++;
      if (found && resolvable && resolved) cell.resolved++;
      if (cell !== this.all) this.byClass.set(cls, cell);
    }
  }

  mention(m: Mention, right: boolean, onGold: boolean): void {
    this.predicted++;
    if (!onGold) this.falseAlarms++;
    const b = Math.min(0.95, Math.floor(m.confidence * 20) / 20);
    const cell = this.buckets.get(b) ?? { n: 0, right: 0 };
    cell.n++;
    if (right) cell.right++;
    this.buckets.set(b, cell);
  }

  lines(title: string): string[] {
    const r = (a: number, b: number) => (b === 0 ? '   —' : (a / b).toFixed(3));
    const out = [
      `${title}: recall ${r(this.all.found, this.all.gold)} (${this.all.found}/${this.all.gold}), resolved right ${r(this.all.resolved, this.all.resolvable)} (${this.all.resolved}/${this.all.resolvable}), precision ${r(this.predicted - this.falseAlarms, this.predicted)} (${this.falseAlarms} false of ${this.predicted})`,
    ];
    const classes = [...this.byClass].sort((a, b) => a[0].localeCompare(b[0]));
    out.push(
      `  by name class: ${classes.map(([c, v]) => `${c} ${r(v.found, v.gold)} (${v.found}/${v.gold})`).join(', ')}`,
    );
    return out;
  }
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function show(text: string, span: { start: number; end: number }): string {
  const from = Math.max(0, span.start - 60);
  return `${text.slice(from, span.start)}[${text.slice(span.start, span.end)}]${text.slice(span.end, span.end + 60)}`.replace(
    /\s+/g,
    ' ',
  );
}

/** ATT&CK G-id → the KB actors that carry it. */
function actorsByAttackId(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const a of loadKb().actors) {
    if (!a.attackId) continue;
    const set = map.get(a.attackId) ?? new Set<string>();
    set.add(a.id);
    map.set(a.attackId, set);
  }
  return map;
}

/** Scores one text with its gold group spans (ATT&CK link refs, or '' where the peers give no entity). */
function scoreText(
  score: Score,
  text: string,
  gold: { start: number; end: number; ref: string }[],
  others: { start: number; end: number; kind: string }[],
  classOf: (w: string) => NameClass,
  kbActors: Map<string, Set<string>>,
): void {
  const mentions = findMentions(text).filter((m) => m.kind === 'actor');
  for (const g of gold) {
    const written = text.slice(g.start, g.end);
    const cls = classOf(written);
    const m = mentions.find((x) => overlaps(x, g));
    const want = g.ref ? kbActors.get(g.ref) : undefined;
    const resolved = !!m && !!want && want.has(m.id);
    score.gold(cls, !!m, !!want, resolved);
    if (!m) score.notes.push(`MISS ${cls} ${g.ref}: ${show(text, g)}`);
    else if (want && !resolved)
      score.notes.push(`WRONG ${m.id} ≠ ${g.ref} (${[...want].join('/')}): ${show(text, g)}`);
  }
  for (const m of mentions) {
    const g = gold.find((x) => overlaps(x, m));
    const want = g?.ref ? kbActors.get(g.ref) : undefined;
    score.mention(m, !!g && (!g.ref || !!want?.has(m.id)), !!g);
    if (!g) {
      const other = others.find((o) => overlaps(o, m));
      score.notes.push(
        `FALSE ${m.id} (${m.confidence}) on ${other ? other.kind : 'plain text'}: ${show(text, m)}`,
      );
    }
  }
}

function groupGold(s: AttackSentence, offset = 0) {
  return s.links
    .filter((l) => l.kind === 'group')
    .map((l) => ({ start: l.start + offset, end: l.end + offset, ref: l.ref }));
}

function otherLinks(s: AttackSentence, offset = 0) {
  return s.links
    .filter((l) => l.kind !== 'group')
    .map((l) => ({ start: l.start + offset, end: l.end + offset, kind: l.kind }));
}

/** The ATT&CK eval over the dev or held-out groups: sentences alone, then joined per group. */
export function scoreAttack(heldOut: boolean): { alone: Score; joined: Score; lines: string[] } {
  const set = loadAttack();
  const classOf = classifier();
  const kbActors = actorsByAttackId();
  const inSplit = (gid: string) => isHeldOutGroup(gid) === heldOut;
  // A sentence belongs to the split of the first group it links (its subject, in ATT&CK's prose).
  const sentences = set.sentences.filter((s) => {
    const first = s.links.find((l) => l.kind === 'group');
    return first && inSplit(first.ref);
  });
  const alone = new Score();
  for (const s of sentences) scoreText(alone, s.text, groupGold(s), otherLinks(s), classOf, kbActors);
  const joined = new Score();
  const byGroup = new Map<string, AttackSentence[]>();
  for (const s of sentences) {
    const gid = s.links.find((l) => l.kind === 'group')!.ref;
    byGroup.set(gid, [...(byGroup.get(gid) ?? []), s]);
  }
  for (const [, list] of [...byGroup].sort((a, b) => a[0].localeCompare(b[0]))) {
    let text = '';
    const gold: ReturnType<typeof groupGold> = [];
    const others: ReturnType<typeof otherLinks> = [];
    for (const s of list) {
      gold.push(...groupGold(s, text.length));
      others.push(...otherLinks(s, text.length));
      text += `${s.text}\n`;
    }
    scoreText(joined, text, gold, others, classOf, kbActors);
  }
  const groups = new Set(
    sentences.flatMap((s) => s.links.filter((l) => l.kind === 'group').map((l) => l.ref)),
  );
  const unknown = [...groups].filter((g) => !kbActors.has(g)).sort();
  const name = heldOut ? 'attack-held-out' : 'attack-dev';
  const lines = [
    `ATT&CK ${heldOut ? 'held-out' : 'dev'} (mitre/cti ${set.commit.slice(0, 10)}): ${sentences.length} sentences, ${byGroup.size} groups; G-ids no KB actor carries: ${unknown.join(' ') || 'none'}`,
    ...alone.lines('  each sentence alone'),
    ...joined.lines("  joined per group (the group's page)"),
  ];
  writeNotes(name, [...alone.notes, '', '# joined', ...joined.notes]);
  return { alone, joined, lines };
}

function writeNotes(name: string, notes: string[]): void {
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, `${name}.txt`), `${notes.join('\n')}\n`);
}

/** Span recall and precision on the peers' named group spans; unnamed spans ("attackers") are neither. */
export function scorePeer(dev: boolean): { scores: Score[]; lines: string[] } {
  const classOf = classifier();
  const lines: string[] = [];
  const scores: Score[] = [];
  const splits = dev ? (['dnrti-valid', 'aptner-dev'] as const) : (['dnrti-train', 'aptner-train'] as const);
  for (const split of splits) {
    const sentences = loadPeer(split);
    if (!sentences) {
      lines.push(`${split}: data not on this machine, skipped`);
      continue;
    }
    const score = new Score();
    for (const s of sentences) scorePeerSentence(score, s, classOf);
    // The same sentences in pages of PAGE consecutive ones, as a report reads (the splits keep report order).
    const paged = new Score();
    for (let i = 0; i < sentences.length; i += PAGE)
      scorePeerSentence(paged, joinSentences(sentences.slice(i, i + PAGE)), classOf);
    scores.push(score);
    lines.push(...score.lines(`${split} (${sentences.length} sentences, named group spans)`));
    lines.push(knownLine(score));
    lines.push(...paged.lines(`  in pages of ${PAGE} consecutive sentences`), knownLine(paged));
    writeNotes(split, score.notes);
    writeNotes(`${split}-pages`, paged.notes);
  }
  return { scores, lines };
}

/** Recall on the spans whose name the KB has (a group the KB lacks is a coverage gap, not a context miss). */
function knownLine(score: Score): string {
  const known = newCell();
  for (const [c, v] of score.byClass)
    if (c !== 'absent') {
      known.gold += v.gold;
      known.found += v.found;
    }
  return `  on names the KB has: recall ${(known.found / known.gold).toFixed(3)} (${known.found}/${known.gold})`;
}

/** Sentences per page when the peers' sentences are read as pages. */
const PAGE = 40;

function joinSentences(list: PeerSentence[]): PeerSentence {
  let text = '';
  const groups: PeerSentence['groups'] = [];
  for (const s of list) {
    groups.push(...s.groups.map((g) => ({ start: g.start + text.length, end: g.end + text.length })));
    text += `${s.text}\n`;
  }
  return { text, groups };
}

function scorePeerSentence(score: Score, s: PeerSentence, classOf: (w: string) => NameClass): void {
  const named = s.groups.filter((g) => isNamedGroup(s.text.slice(g.start, g.end)));
  const unnamed = s.groups
    .filter((g) => !named.includes(g))
    .map((g) => ({ ...g, kind: 'unnamed group span' }));
  // A mention on an unnamed span is neither right nor wrong: leave those mentions out of precision.
  const text = s.text;
  const mentions = findMentions(text).filter(
    (m) => m.kind === 'actor' && !unnamed.some((u) => overlaps(u, m)),
  );
  for (const g of named) {
    const cls = classOf(text.slice(g.start, g.end));
    const m = mentions.find((x) => overlaps(x, g));
    score.gold(cls, !!m, false, false);
    if (!m) score.notes.push(`MISS ${cls}: ${show(text, g)}`);
  }
  for (const m of mentions) {
    const onGold = named.some((g) => overlaps(g, m));
    score.mention(m, onGold, onGold);
    if (!onGold) score.notes.push(`FALSE ${m.id} (${m.confidence}): ${show(text, m)}`);
  }
}

/** The calibration table over several scores: confidence bucket → how often the mention was right. */
export function calibration(scores: Score[], title: string): string[] {
  const merged = new Map<number, { n: number; right: number }>();
  for (const s of scores)
    for (const [b, c] of s.buckets) {
      const m = merged.get(b) ?? { n: 0, right: 0 };
      m.n += c.n;
      m.right += c.right;
      merged.set(b, m);
    }
  return [
    `calibration, ${title}: confidence → right (on a gold span and, for ATT&CK, the gold actor)`,
    ...[...merged]
      .sort((a, b) => b[0] - a[0])
      .map(
        ([b, { n, right }]) =>
          `  ${b.toFixed(2)}–${(b + 0.05).toFixed(2)}  ${String(n).padStart(6)} mentions  ${(right / n).toFixed(3)} right`,
      ),
  ];
}
