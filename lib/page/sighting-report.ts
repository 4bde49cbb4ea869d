/**
 * What a page's content script tells the background after reading the page: which entities it names and
 * the first sentence naming each (the Sightings view shows it), at most MAX_REPORTED_ENTITIES of them.
 * Only what the reader's settings can use is included, so a reader who watches nothing sends nothing.
 */
import { MAX_REPORTED_ENTITIES, MAX_SENTENCE_CHARS } from '../protocol/runtime';
import type { Settings } from '../settings';
import { isInline } from './collect';
import type { PaintedMention } from './paint';

/** One entity the page names, with its first sentence. */
export interface ReportedEntity {
  id: string;
  sentence: string;
}

/** A sentence ends at . ! ? (and any closing quote or bracket) followed by white space. */
const SENTENCE_END = /[.!?][”’"')\]]*\s/g;

/**
 * The sentence around a range: from the last sentence end before it to the first one after it, within its
 * block. Only the text near the name is read (at most `max` characters each way), so a page whose whole text
 * sits in one block costs no more than one with paragraphs.
 */
export function firstSentence(range: Range, max = MAX_SENTENCE_CHARS): string {
  const doc = range.startContainer.ownerDocument;
  let block: Element | null =
    range.startContainer.nodeType === 1
      ? (range.startContainer as Element)
      : range.startContainer.parentElement;
  while (block && isInline(block) && block.parentElement) block = block.parentElement;
  if (!doc || !block) return range.toString();
  const before = textAround(doc, block, range.startContainer, range.startOffset, -1, max);
  const after = textAround(doc, block, range.endContainer, range.endOffset, 1, max);
  let from = 0;
  for (const m of before.matchAll(SENTENCE_END)) from = m.index + m[0].length;
  SENTENCE_END.lastIndex = 0;
  const end = SENTENCE_END.exec(after);
  SENTENCE_END.lastIndex = 0;
  const head = squash(before.slice(from)).trimStart();
  const name = squash(range.toString());
  const tail = squash(end ? after.slice(0, end.index + 1) : after).trimEnd();
  return clip(head, name, tail, max);
}

/** Up to `max` characters of the block's text before (-1) or after (1) a boundary point. */
function textAround(
  doc: Document,
  block: Element,
  node: Node,
  offset: number,
  dir: -1 | 1,
  max: number,
): string {
  const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  let size = 0;
  let current: Node | null;
  if (node.nodeType === Node.TEXT_NODE) {
    const data = (node as Text).data;
    const piece = dir < 0 ? data.slice(Math.max(0, offset - max), offset) : data.slice(offset, offset + max);
    parts.push(piece);
    size += piece.length;
    walker.currentNode = node;
    current = dir < 0 ? walker.previousNode() : walker.nextNode();
  } else {
    // A boundary between children: the text starts at the child after it (or ends at the one before).
    const child = node.childNodes[offset] ?? null;
    walker.currentNode = child ?? node;
    current =
      dir < 0 ? walker.previousNode() : child?.nodeType === Node.TEXT_NODE ? child : walker.nextNode();
  }
  while (current && size < max) {
    const data = (current as Text).data;
    const piece = dir < 0 ? data.slice(Math.max(0, data.length - (max - size))) : data.slice(0, max - size);
    parts.push(piece);
    size += piece.length;
    current = dir < 0 ? walker.previousNode() : walker.nextNode();
  }
  return dir < 0 ? parts.reverse().join('') : parts.join('');
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ');
}

/** `head + name + tail` within `max` characters, cut around the name with ellipses when longer. */
function clip(head: string, name: string, tail: string, max: number): string {
  if (head.length + name.length + tail.length <= max) return head + name + tail;
  const room = Math.max(0, max - name.length - 2);
  const left = Math.min(head.length, Math.max(Math.floor(room / 2), room - tail.length));
  const right = Math.min(tail.length, room - left);
  const h = left < head.length ? `…${head.slice(head.length - left)}` : head;
  const t = right < tail.length ? `${tail.slice(0, right)}…` : tail;
  return (h + name + t).slice(0, max);
}

/** Whether the page should report at all: something is watched, or every entity is recorded. */
export function reportsUnder(s: Settings): boolean {
  return s.sightings === 'all' || s.watchlist.length > 0;
}

/**
 * The entities to report, in document order of their first mention: every one when all sightings are
 * recorded, else the watched ones (the badge counts them, and they are the ones recorded).
 */
export function reportedEntities(mentions: readonly PaintedMention[], s: Settings): ReportedEntity[] {
  const all = s.sightings === 'all';
  const watched = new Set(s.watchlist);
  const out: ReportedEntity[] = [];
  const done = new Set<string>();
  for (const p of mentions) {
    const id = p.mention.id;
    if (done.has(id) || !(all || watched.has(id))) continue;
    done.add(id);
    out.push({ id, sentence: firstSentence(p.range) });
    if (out.length >= MAX_REPORTED_ENTITIES) break;
  }
  return out;
}
