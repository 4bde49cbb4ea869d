// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMatcher } from '../../lib/match/find-mentions';
import { PageSession } from '../../lib/page/session';
import { firstSentence, reportedEntities } from '../../lib/page/sighting-report';
import { MAX_REPORTED_ENTITIES } from '../../lib/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { FakeHighlight } from './fake-highlight';

const matcher = createMatcher([
  { name: 'APT31', id: 'apt31', kind: 'actor', flags: 4, canonical: 'APT31' },
  { name: 'Fancy Bear', id: 'apt28', kind: 'actor', flags: 0, canonical: 'APT28' },
]);

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

/** A range over the first occurrence of `word` in the body's text nodes. */
function rangeOf(word: string): Range {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(word);
    if (at >= 0) {
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + word.length);
      return r;
    }
  }
  throw new Error(`${word} not found`);
}

describe('firstSentence', () => {
  it.each([
    [
      '<p>Intro here. Then <b>APT31</b> struck the ministry. More follows.</p>',
      'Then APT31 struck the ministry.',
    ],
    ['<p>APT31 struck!   Nothing else</p>', 'APT31 struck!'],
    ['<p>“Quoted.” And APT31\n  was   there</p>', 'And APT31 was there'],
    ['<div><p>Other block.</p><p>APT31</p></div>', 'APT31'],
    ['<p>v1.2 of the tool, says APT31. Next.</p>', 'v1.2 of the tool, says APT31.'],
  ])('%s → %s', (html, sentence) => {
    document.body.innerHTML = html;
    expect(firstSentence(rangeOf('APT31'))).toBe(sentence);
  });

  it('cuts a long sentence around the name, within the limit', () => {
    document.body.innerHTML = `<p>${'word '.repeat(200)}APT31 ${'more '.repeat(200)}end.</p>`;
    const s = firstSentence(rangeOf('APT31'), 100);
    expect(s.length).toBeLessThanOrEqual(100);
    expect(s).toContain('APT31');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
  });
});

describe('reportedEntities', () => {
  const mentionsOf = (html: string) => {
    document.body.innerHTML = html;
    const s = new PageSession({
      doc: document,
      site: 'news.example',
      find: (t, o) => matcher.findMentions(t, o),
      host: { highlights: new Map(), Highlight: FakeHighlight },
      scanner: { schedule: (fn) => setTimeout(fn, 0), yieldToBrowser: () => Promise.resolve() },
    });
    return s;
  };

  it('lists watched entities once, in document order, with their first sentence; all of them when asked', async () => {
    const s = mentionsOf('<p>Fancy Bear came first. Then APT31 came. APT31 again.</p>');
    await s.start(Promise.resolve(settings()));
    const list = s.scanner.mentions();
    expect(reportedEntities(list, settings())).toEqual([]);
    expect(reportedEntities(list, settings({ watchlist: ['apt31'] }))).toEqual([
      { id: 'apt31', sentence: 'Then APT31 came.' },
    ]);
    expect(reportedEntities(list, settings({ sightings: 'all' })).map((e) => e.id)).toEqual([
      'apt28',
      'apt31',
    ]);
    s.destroy();
  });

  it('stops at the report limit', () => {
    const fake = Array.from({ length: MAX_REPORTED_ENTITIES + 10 }, (_, i) => {
      document.body.innerHTML = '<p>APT31</p>';
      return { mention: { id: `e${i}` }, range: rangeOf('APT31') };
    });
    expect(reportedEntities(fake as never, settings({ sightings: 'all' }))).toHaveLength(
      MAX_REPORTED_ENTITIES,
    );
  });
});

describe('PageSession reports', () => {
  let session: PageSession | undefined;
  afterEach(() => session?.destroy());

  function setup(html: string) {
    document.body.innerHTML = html;
    const reports: { visit: boolean; entities: { id: string; sentence: string }[] }[] = [];
    const marks = new Map<string, readonly Range[]>();
    session = new PageSession({
      doc: document,
      site: 'news.example',
      find: (t, o) => matcher.findMentions(t, o),
      host: { highlights: new Map(), Highlight: FakeHighlight },
      marks: { set: (kind, ranges) => void (ranges.length ? marks.set(kind, ranges) : marks.delete(kind)) },
      report: (r) => reports.push(r),
      scanner: { schedule: (fn) => setTimeout(fn, 0), yieldToBrowser: () => Promise.resolve() },
    });
    return { s: session, reports, marks };
  }

  it('sends nothing when nothing is watched and only watched sightings are kept', async () => {
    const { s, reports } = setup('<p>APT31 here.</p>');
    await s.start(Promise.resolve(settings()));
    expect(reports).toEqual([]);
  });

  it('reports one visit after the first scan, marks watched names privately, and follows the watchlist', async () => {
    const { s, reports, marks } = setup('<p>APT31 here. Fancy Bear there.</p>');
    await s.start(Promise.resolve(settings({ watchlist: ['apt31'] })));
    expect(reports).toEqual([{ visit: true, entities: [{ id: 'apt31', sentence: 'APT31 here.' }] }]);
    expect(marks.get('watched')?.map((r) => r.toString())).toEqual(['APT31']);
    // Starring another entity on the open page: a report that is not a visit, and its mark.
    s.applySettings(settings({ watchlist: ['apt31', 'apt28'] }));
    expect(reports[1]).toEqual({
      visit: false,
      entities: [
        { id: 'apt31', sentence: 'APT31 here.' },
        { id: 'apt28', sentence: 'Fancy Bear there.' },
      ],
    });
    expect(marks.get('watched')).toHaveLength(2);
    // An unrelated change sends nothing.
    s.applySettings(settings({ watchlist: ['apt31', 'apt28'], style: 'underline' }));
    expect(reports).toHaveLength(2);
    // Pausing the site: an empty report (the badge goes) and no marks.
    s.applySettings(settings({ watchlist: ['apt31', 'apt28'], pausedSites: ['news.example'] }));
    expect(reports[2]).toEqual({ visit: false, entities: [] });
    expect(marks.has('watched')).toBe(false);
  });

  it('reports again when later text names a watched entity, and a visit after an in-app navigation', async () => {
    const { s, reports } = setup('<p id="p">Nothing yet.</p>');
    await s.start(Promise.resolve(settings({ watchlist: ['apt31'] })));
    expect(reports).toEqual([{ visit: true, entities: [] }]);
    document.getElementById('p')!.textContent = 'Now APT31 appears.';
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toEqual({ visit: false, entities: [{ id: 'apt31', sentence: 'Now APT31 appears.' }] });
    await s.navigated();
    expect(reports[2]).toMatchObject({ visit: true });
  });
});
