import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNameTable } from '../../lib/kb/names';
import { findMentions } from '../../lib/match/find-mentions';
import { decodePrefilter, encodePrefilter, Prefilter, prefilterKeys } from '../../lib/match/prefilter';
import { BUNDLED_PREFILTER } from '../../lib/match/prefilter-bundled';
import { buildOverlayMatcher, findWithOverlay, loadOverlayTables } from '../../lib/overlay/matcher';
import { htmlText } from '../../scripts/cli/html-text';
import { loadAttack } from '../../scripts/eval/attack';
import { loadPeer } from '../../scripts/eval/peer';
import { bundledPrefilterModule } from '../../scripts/prefilter/build';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/news-pages');
const bundled = new Prefilter([decodePrefilter(BUNDLED_PREFILTER)!]);

let cached: { pages: string[]; parts: string[]; skipped: string[] } | undefined;

/** The texts the property is checked on: whole corpus pages, their paragraphs, and the eval sentences. */
function texts(): { pages: string[]; parts: string[]; skipped: string[] } {
  cached ??= readTexts();
  return cached;
}

function readTexts(): { pages: string[]; parts: string[]; skipped: string[] } {
  const skipped: string[] = [];
  const pages: string[] = [];
  if (existsSync(CORPUS)) {
    for (const f of readdirSync(CORPUS)
      .filter((f) => f.endsWith('.html'))
      .sort())
      pages.push(htmlText(readFileSync(join(CORPUS, f), 'utf8')));
  } else skipped.push(`corpus: ${CORPUS} is absent, its pages were not checked`);
  const parts = pages.flatMap((p) => p.split('\n')).filter((p) => p.trim());
  try {
    for (const s of loadAttack().sentences) parts.push(s.text);
  } catch {
    skipped.push('ATT&CK descriptions: not available here, not checked');
  }
  for (const set of ['dnrti-train', 'aptner-train'] as const) {
    const got = loadPeer(set);
    if (got) for (const s of got) parts.push(s.text);
    else skipped.push(`${set}: not available here, not checked`);
  }
  return { pages, parts, skipped };
}

describe('the first stage prefilter', () => {
  it('is up to date with the bundled name table', () => {
    expect(
      readFileSync(join(import.meta.dirname, '../../lib/match/prefilter-bundled.ts'), 'utf8'),
      'lib/match/prefilter-bundled.ts is stale: run npx tsx scripts/prefilter/build.ts',
    ).toBe(bundledPrefilterModule());
  });

  it('reads back what it writes, and nothing else', () => {
    const keys = prefilterKeys(['APT31', 'Fancy Bear', 'Ministry of State Security', '中国']);
    const back = decodePrefilter(encodePrefilter(keys))!;
    expect([...back.hashes]).toEqual([...keys.hashes]);
    expect(back.maxLength).toBe(keys.maxLength);
    expect(decodePrefilter(42)).toBeUndefined();
    expect(decodePrefilter('not base64!')).toBeUndefined();
  });

  it('says yes to every written form the matcher reads', () => {
    const p = new Prefilter([prefilterKeys(['APT 31', 'Fancy Bear', 'NÚKIB'])]);
    for (const yes of ['by APT31.', 'APT-31 struck', 'the fancy  bear', 'NUKIB said', 'Nu\u0301kib'])
      expect(p.mayName(yes), yes).toBe(true);
    for (const no of ['APT313', 'Fancy Bears', 'APT, 31', 'a fancy hat'])
      expect(p.mayName(no), no).toBe(false);
  });

  it('never says no where the full matcher finds a mention (corpus pages, paragraphs, eval texts)', () => {
    const { pages, parts, skipped } = texts();
    for (const s of skipped) console.warn(`prefilter property: ${s}`);
    let frames = 0;
    let falseYes = 0;
    for (const text of [...pages, ...parts]) {
      const found = findMentions(text).length > 0;
      const may = bundled.mayName(text);
      if (!may) expect(found, text.slice(0, 200)).toBe(false);
      if (!found) {
        frames++;
        if (may) falseYes++;
      }
    }
    console.info(
      `prefilter: ${pages.length} pages and ${parts.length} paragraphs/sentences; of ${frames} texts the matcher finds nothing in, ${falseYes} passed the prefilter (${((100 * falseYes) / Math.max(frames, 1)).toFixed(1)}%)`,
    );
  }, 300_000);

  it('covers the reader own names: never no where the overlay-aware matcher finds one', () => {
    const { parts } = texts();
    // Own names taken from the texts themselves (so some are found), with separators and case changed.
    const words = [...new Set(parts.slice(0, 4000).flatMap((p) => p.match(/\b[A-Z][a-z]{5,}\b/g) ?? []))];
    const names = words
      .filter((_, i) => i % 97 === 0)
      .map((w, i) => (i % 2 ? `${w} Group` : w.toUpperCase()));
    const file = buildOverlayMatcher(
      names.map((name, i) => ({ name, id: `ours-${i}`, kind: 'actor', flags: 0, canonical: name })),
    );
    const find = findWithOverlay(loadOverlayTables(file));
    const both = new Prefilter([decodePrefilter(BUNDLED_PREFILTER)!, prefilterKeys(names)]);
    let ours = 0;
    for (const text of parts.slice(0, 20_000)) {
      const found = find(text);
      ours += found.filter((m) => m.ours).length;
      if (!both.mayName(text)) expect(found, text.slice(0, 200)).toEqual([]);
    }
    expect(names.length === 0 || ours > 0).toBe(true);
  }, 120_000);

  it('says yes to every bundled name the matcher finds written alone', () => {
    for (const { name } of loadNameTable()) {
      const text = `Reported by ${name} today.`;
      if (findMentions(text).length) expect(bundled.mayName(text), name).toBe(true);
    }
  });
});
