/**
 * The name-dense page of `bench:page`: a long threat report, generated at run time (not committed), that
 * names hundreds of actors and agencies thousands of times, as a vendor's annual report or a wiki list of
 * APT groups does. Each name is placed only in a sentence where the matcher paints it on its own, so the
 * bench can check that every placed name is painted in the browser too.
 */
import { bundledNameTable } from '../../lib/kb/names';
import { findMentions } from '../../lib/match/find-mentions';

/** The page's HTML and what a scan of it must paint. */
export interface DensePage {
  html: string;
  /** Names placed in the text: each must be painted once. */
  names: number;
  /** Distinct entities named. */
  entities: number;
  /** The collected text as the content script reads it (paragraphs and items joined by "\n"). */
  text: string;
}

const ACTOR_SENTENCES = [
  'Analysts attributed the intrusion to {}, which used spear-phishing and a custom backdoor.',
  'The incident response team tied the stolen credentials to {} after reviewing the malware samples.',
  'Researchers observed {} exploiting a VPN vulnerability before moving laterally across the network.',
  'Infrastructure overlaps link this wave of ransomware and espionage to {}, according to the vendor.',
  'Indicators of compromise shared with partners point to {} and its command-and-control servers.',
];
/** A list item, as reports and wiki pages list groups one per line. */
const ACTOR_ITEM = 'Tracked group: {}, a state-sponsored threat actor.';
const AGENCY_SENTENCES = [
  'An advisory from the {} warned operators about the exploited vulnerability.',
  'Officials at the {} said the breach exposed data of government employees.',
  'The attribution was confirmed in a joint statement that the {} signed with its allies.',
];

/** A small seeded generator, so every run builds the same page. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Whether the matcher paints `name` in every one of `sentences` read alone, as one certain mention of the
 * expected kind that covers exactly the name.
 */
function paintsAlone(name: string, kind: 'actor' | 'agency', sentences: string[]): boolean {
  return sentences.every((s) => {
    const text = s.replace('{}', name);
    const at = text.indexOf(name);
    const found = findMentions(text, { topical: true }).filter((m) => m.confidence >= 0.5);
    return (
      found.length === 1 &&
      found[0]!.kind === kind &&
      found[0]!.start === at &&
      found[0]!.end === at + name.length
    );
  });
}

/** Builds the page: about `targetNames` placed names over `actors` actors and `agencies` agencies. */
export function densePage(targetNames = 4_000, actors = 320, agencies = 110): DensePage {
  const rand = random(14);
  const rows = bundledNameTable().rows();
  const pick = (kind: 'actor' | 'agency', count: number, sentences: string[]) => {
    const seen = new Set<string>();
    const out: string[] = [];
    // Canonical names first, then a few other names of the same entities, as reports use several.
    const ordered = rows
      .filter((r) => r.kind === kind)
      .sort((a, b) => (a.name === a.canonical ? 0 : 1) - (b.name === b.canonical ? 0 : 1));
    for (const r of ordered) {
      if (out.length >= count) break;
      if (seen.has(r.id) && rand() < 0.8) continue;
      if (!paintsAlone(r.name, kind, sentences)) continue;
      seen.add(r.id);
      out.push(r.name);
    }
    return { names: out, entities: seen };
  };
  const a = pick('actor', actors, [...ACTOR_SENTENCES, ACTOR_ITEM]);
  const g = pick('agency', agencies, AGENCY_SENTENCES);

  const blocks: string[] = [];
  const texts: string[] = [];
  let placed = 0;
  const sentence = () => {
    placed++;
    const agency = rand() < 0.25;
    const list = agency ? g.names : a.names;
    const templates = agency ? AGENCY_SENTENCES : ACTOR_SENTENCES;
    const t = templates[Math.floor(rand() * templates.length)]!;
    return t.replace('{}', list[Math.floor(rand() * list.length)]!);
  };
  const title = 'Annual threat landscape report: actors, agencies and attributions';
  blocks.push(`<h1>${title}</h1>`);
  texts.push(title);
  for (let section = 1; placed < targetNames; section++) {
    const heading = `Section ${section}: activity observed this quarter`;
    blocks.push(`<h2>${heading}</h2>`);
    texts.push(heading);
    for (let p = 0; p < 6 && placed < targetNames; p++) {
      const ss = Array.from({ length: 6 }, sentence);
      blocks.push(`<p>${ss.map(escapeHtml).join(' ')}</p>`);
      texts.push(ss.join(' '));
    }
    const items = Array.from({ length: 8 }, () => {
      placed++;
      return ACTOR_ITEM.replace('{}', a.names[Math.floor(rand() * a.names.length)]!);
    });
    blocks.push(`<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`);
    texts.push(...items);
  }
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>\n<body><main>\n${blocks.join('\n')}\n</main></body></html>\n`;
  return { html, names: placed, entities: a.entities.size + g.entities.size, text: texts.join('\n') };
}
