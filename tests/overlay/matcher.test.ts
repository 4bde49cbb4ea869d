// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findMentions } from '../../lib/match/find-mentions';
import type { Mention } from '../../lib/match/types';
import {
  buildOverlayMatcher,
  findWithOverlay,
  loadOverlayMatcher,
  loadOverlayTables,
  mergeMentions,
  overlayNameRows,
} from '../../lib/overlay/matcher';
import { EMPTY_OVERLAY } from '../../lib/overlay/model';
import { bundledIndex } from '../../lib/overlay/validate';
import { PageScanner } from '../../lib/page/scanner';
import { FakeHighlight } from '../page/fake-highlight';
import { extension, ownActor } from './make';

const overlay = {
  entities: [ownActor(), ownActor({ id: 'ours-k', name: 'KTL', aliases: [] })],
  extensions: [extension()],
};
/** What the background stores, passed through JSON as storage does. */
const stored = () =>
  JSON.parse(JSON.stringify(buildOverlayMatcher(overlayNameRows(overlay, (id) => bundledIndex().facts(id)))));

describe('overlay matcher', () => {
  it('one row per name: own entities under their id, added names under the bundled entity', () => {
    const rows = overlayNameRows(overlay, (id) => bundledIndex().facts(id));
    expect(rows.map((r) => `${r.name}→${r.id}/${r.canonical}`)).toEqual([
      'UNC-ACME-7→ours-unc-acme-7/UNC-ACME-7',
      'Rusty Kettle→ours-unc-acme-7/UNC-ACME-7',
      'Storm-9999→ours-unc-acme-7/UNC-ACME-7',
      'KTL→ours-k/KTL',
      'Kettle Crew→apt31/APT31',
    ]);
    expect(rows.at(-1)).toMatchObject({ kind: 'actor', country: 'CN' });
  });

  it('finds the reader’s names as distinctive, on word boundaries, marked ours', () => {
    const m = loadOverlayMatcher(stored())!;
    const text = 'The Kettle Crew and UNC ACME 7 (rusty kettle to friends) hit a KTLX server; KTL left.';
    const found = m.findMentions(text);
    expect(found.map((x) => [x.text, x.id, x.ours])).toEqual([
      ['Kettle Crew', 'apt31', true],
      ['UNC ACME 7', 'ours-unc-acme-7', true],
      // Lower case, beside its proper name on the same page: the same rule as the bundled names.
      ['rusty kettle', 'ours-unc-acme-7', true],
      ['KTL', 'ours-k', true],
    ]);
    expect(m.findMentions('I put the rusty kettle on the stove.')).toEqual([]);
    // A lower-case name counts where the page is about security, as the bundled names do.
    expect(m.findMentions('rusty kettle hackers breached the network').map((x) => x.text)).toEqual([
      'rusty kettle',
    ]);
  });

  it.each([
    ['nothing', undefined],
    ['another version', { ...stored(), version: 1 }],
    ['rows that are not strings', { ...stored(), names: [['x']] }],
    ['a row count that disagrees', { ...stored(), names: stored().names.split('\n').slice(1).join('\n') }],
    ['tables that are not base64', { ...stored(), data: { ...stored().data, groupRows: '<script>' } }],
    [
      'a group pointing past the rows',
      {
        ...stored(),
        names: stored().names.split('\n').slice(0, 2).join('\n'),
        data: { ...stored().data, rows: 2 },
      },
    ],
  ])('refuses %s', (_what, raw) => {
    expect(loadOverlayMatcher(raw)).toBeUndefined();
  });

  it('a row whose entity line is missing finds nothing, and breaks nothing', () => {
    const raw = stored();
    const m = loadOverlayMatcher({ ...raw, entities: raw.entities.split('\n')[0] })!;
    expect(m.findMentions('UNC-ACME-7 and KTL and Kettle Crew').map((x) => x.text)).toEqual(['UNC-ACME-7']);
  });

  it('an empty overlay has no matcher', () => {
    expect(overlayNameRows(EMPTY_OVERLAY, () => undefined)).toEqual([]);
  });
});

describe('mergeMentions', () => {
  const m = (start: number, end: number, id: string, ours?: true): Mention => ({
    start,
    end,
    text: '',
    kind: 'actor',
    id,
    name: id,
    confidence: 1,
    ...(ours ? { ours } : {}),
  });
  it('keeps every bundled mention and adds the reader’s where they do not overlap one, in text order', () => {
    const bundled = [m(10, 15, 'a'), m(30, 35, 'b')];
    const ours = [m(0, 5, 'x', true), m(12, 20, 'y', true), m(20, 25, 'z', true), m(40, 45, 'w', true)];
    expect(mergeMentions(bundled, ours).map((x) => x.id)).toEqual(['x', 'a', 'z', 'b', 'w']);
    expect(mergeMentions(bundled, [])).toBe(bundled);
  });
});

describe('a page with the reader’s names', () => {
  it('paints them only through the private layer, never in the page’s highlights, and they stay hoverable', async () => {
    document.body.innerHTML =
      '<p>APT31, also called Kettle Crew, worked with UNC-ACME-7.</p><pre>UNC-ACME-7</pre><textarea>Rusty Kettle</textarea>';
    const registry = new Map<string, FakeHighlight>();
    const ours = loadOverlayMatcher(stored())!;
    let privateRanges: Range[] = [];
    const scanner = new PageScanner({
      doc: document,
      find: (t, o) => mergeMentions(findMentions(t, o), ours.findMentions(t, o)),
      host: { highlights: registry, Highlight: FakeHighlight as never },
      yieldToBrowser: () => Promise.resolve(),
      paintOurs: (ranges) => {
        privateRanges = ranges;
      },
    });
    await scanner.start();
    const publicTexts = [...registry.values()].flatMap((h) => h.ranges.map((r) => (r as Range).toString()));
    expect(publicTexts).toEqual(['APT31']);
    expect(privateRanges.map((r) => r.toString())).toEqual(['Kettle Crew', 'UNC-ACME-7']);
    expect(scanner.mentions().map((p) => [p.range.toString(), p.mention.id])).toEqual([
      ['APT31', 'apt31'],
      ['Kettle Crew', 'apt31'],
      ['UNC-ACME-7', 'ours-unc-acme-7'],
    ]);
    scanner.stop();
    expect(privateRanges).toEqual([]);
  });
});

describe('findWithOverlay', () => {
  it('finds, in one walk, exactly what the two matchers find apart, merged', () => {
    const tables = loadOverlayTables(stored());
    const both = findWithOverlay(tables);
    const alone = loadOverlayMatcher(stored())!;
    const texts = [
      'APT31 (Kettle Crew to us) and UNC-ACME-7 hit a ministry; Judgment Panda denied it. KTL.',
      'Rusty Kettle, Fancy Bear and the GRU: UNC-ACME-7 is not APT28.',
      '中国APT31 Kettle Crew',
      '',
    ];
    for (const t of texts) {
      expect(both(t, { topical: true })).toEqual(
        mergeMentions(findMentions(t, { topical: true }), alone.findMentions(t, { topical: true })),
      );
    }
    expect(findWithOverlay(undefined)).toBe(findMentions);
  });
});
