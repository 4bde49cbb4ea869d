// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FindOptions } from '../../lib/match/find-mentions';
import { createMatcher } from '../../lib/match/find-mentions';
import { HIGHLIGHT } from '../../lib/page/paint';
import { type CardView, PageSession, type SessionOptions } from '../../lib/page/session';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { makeIncident } from '../incidents/make';
import { FakeHighlight } from './fake-highlight';

const matcher = createMatcher([
  { name: 'APT31', id: 'apt31', kind: 'actor', flags: 4, canonical: 'APT31' },
  { name: 'Fancy Bear', id: 'apt28', kind: 'actor', flags: 0, canonical: 'APT28' },
]);

/** A session over the current document with a fake highlight registry and card; `find` calls recorded. */
function setup(html: string, extra: Partial<SessionOptions> = {}) {
  document.body.innerHTML = html;
  const registry = new Map<string, FakeHighlight>();
  // The reader's private marks (saved passages, the current mention), by kind; empty kinds removed.
  const marks = new Map<string, readonly Range[]>();
  const evidence: string[][] = [];
  const card = { open: vi.fn<CardView['open']>(), close: vi.fn<CardView['close']>() };
  const session = new PageSession({
    doc: document,
    site: 'news.example',
    find: (text: string, o?: FindOptions) => {
      evidence.push([...(o?.pageEntities ?? [])]);
      return matcher.findMentions(text, o);
    },
    host: { highlights: registry, Highlight: FakeHighlight },
    marks: { set: (kind, ranges) => void (ranges.length ? marks.set(kind, ranges) : marks.delete(kind)) },
    card,
    isTrusted: () => true,
    scanner: { schedule: (fn) => setTimeout(fn, 0), yieldToBrowser: () => Promise.resolve() },
    ...extra,
  });
  const texts = () => session.scanner.mentions().map((p) => p.range.toString());
  return { session, registry, marks, evidence, card, texts };
}

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

let session: PageSession | undefined;
afterEach(() => {
  session?.destroy();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('PageSession', () => {
  it('covers every public highlight alike, watched or not, and marks the watched ones privately', async () => {
    const a = setup('<p>APT31 and Fancy Bear</p>');
    session = a.session;
    await a.session.start(Promise.resolve(settings({ watchlist: ['apt31'] })));
    await vi.waitFor(() => expect(a.marks.get('cover')?.map(String)).toEqual(['APT31', 'Fancy Bear']));
    expect(a.marks.get('watched')?.map(String)).toEqual(['APT31']);
    // With nothing watched there is nothing to hide, and no covers to draw.
    a.session.applySettings(settings());
    expect(a.marks.has('cover')).toBe(false);
    expect(a.marks.has('watched')).toBe(false);
  });

  it('paints on start, and not at all on a paused site', async () => {
    const a = setup('<p>APT31 and Fancy Bear</p>');
    session = a.session;
    await a.session.start(Promise.resolve(settings()));
    expect(a.texts()).toEqual(['APT31', 'Fancy Bear']);
    expect(a.registry.get(HIGHLIGHT.actor)?.ranges).toHaveLength(2);
    a.session.destroy();

    const b = setup('<p>APT31</p>');
    session = b.session;
    await b.session.start(Promise.resolve(settings({ pausedSites: ['news.example'] })));
    expect(b.registry.size).toBe(0);
    expect(b.session.handle({ type: 'page:summary' })).toMatchObject({ status: 'paused', entities: [] });
  });

  it('pauses and resumes with the settings', async () => {
    const { session: s, registry, texts } = setup('<p>APT31</p>');
    session = s;
    await s.start(Promise.resolve(settings()));
    s.applySettings(settings({ pausedEverywhere: true }));
    expect(registry.size).toBe(0);
    s.applySettings(settings());
    await vi.waitFor(() => expect(texts()).toEqual(['APT31']));
  });

  it('forgets the previous article’s evidence on an in-app navigation', async () => {
    const { session: s, evidence, texts } = setup('<article><p>APT31 struck.</p></article>');
    session = s;
    await s.start(Promise.resolve(settings()));
    // The next article arrives, and its text is read as a new page.
    document.querySelector('article')!.innerHTML = '<p>Fancy Bear struck.</p>';
    evidence.length = 0;
    await s.navigated();
    expect(evidence[0]).toEqual([]);
    await vi.waitFor(() => expect(texts()).toEqual(['Fancy Bear']));
  });

  it('commits only the newest of overlapping full scans', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => {
      release = ok;
    });
    let hold = true;
    const long = Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i} names APT31.</p>`).join('');
    const { session: s, texts } = setup(long, {
      scanner: { yieldToBrowser: () => (hold ? gate : Promise.resolve()), schedule: () => {} },
    });
    session = s;
    const older = s.scanner.fullScan(); // reads the long page, then waits at its first yield
    await Promise.resolve();
    hold = false;
    document.body.innerHTML = '<p>Fancy Bear</p>';
    await s.scanner.fullScan(); // runs through and commits
    expect(texts()).toEqual(['Fancy Bear']);
    release();
    await older;
    expect(texts()).toEqual(['Fancy Bear']);
  });

  it('answers page messages: summary, next and previous with wrap-around, reveal', async () => {
    const { session: s, marks, card } = setup('<p>APT31, Fancy Bear, then APT31 again.</p>');
    session = s;
    await s.start(Promise.resolve(settings()));
    expect(s.handle({ type: 'page:summary' })).toEqual({
      status: 'active',
      site: 'news.example',
      entities: [
        { id: 'apt31', kind: 'actor', name: 'APT31', count: 2 },
        { id: 'apt28', kind: 'actor', name: 'APT28', count: 1 },
      ],
    });
    const opened = () => card.open.mock.calls.at(-1)![0].range.toString();
    const at = () => card.open.mock.calls.at(-1)![0].mention.start;
    expect(s.handle({ type: 'page:navigate', direction: 1 })).toBe(true);
    expect([opened(), at()]).toEqual(['APT31', 0]);
    expect(card.open.mock.calls.at(-1)![1].focus).toBe(true);
    expect(marks.get('current')).toHaveLength(1);
    s.handle({ type: 'page:navigate', direction: -1 });
    expect([opened(), at()]).toEqual(['APT31', 24]);
    s.handle({ type: 'page:navigate', direction: 1 });
    expect(at()).toBe(0);
    s.handle({ type: 'page:reveal', id: 'apt31' });
    expect(at()).toBe(24);
    s.handle({ type: 'page:reveal', id: 'apt31' });
    expect(at()).toBe(0);
    expect(s.handle({ type: 'page:reveal', id: 'apt99' })).toBe(false);
  });

  it('opens the capture form on capture:open where there is one, and says so', async () => {
    const openCapture = vi.fn();
    const withForm = setup('<p>APT31</p>', { openCapture });
    session = withForm.session;
    expect(withForm.session.handle({ type: 'capture:open' })).toBe(true);
    expect(openCapture).toHaveBeenCalledOnce();
    withForm.session.destroy();
    const inFrame = setup('<p>APT31</p>');
    session = inFrame.session;
    expect(inFrame.session.handle({ type: 'capture:open' })).toBe(false);
  });

  it('ignores pointer and key events the reader did not make', async () => {
    const { session: s, card } = setup('<p>APT31</p>', { isTrusted: (e) => e.isTrusted });
    session = s;
    await s.start(Promise.resolve(settings()));
    const open = vi.spyOn(s.hover, 'move');
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: 1, clientY: 1 }));
    expect(open).not.toHaveBeenCalled();
    s.handle({ type: 'page:navigate', direction: 1 });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(card.close).not.toHaveBeenCalled();
  });

  it('paints saved passages and tells the card which ones hold a mention', async () => {
    const incident = makeIncident(1);
    const {
      session: s,
      marks,
      card,
    } = setup('<p>Before. APT31 hit the ministry. After.</p>', {
      passages: async (text) => [{ incident, start: text.indexOf('APT31'), end: text.indexOf(' After') }],
    });
    session = s;
    await s.start(Promise.resolve(settings()));
    await vi.waitFor(() => expect(marks.get('incident')).toHaveLength(1));
    s.handle({ type: 'page:navigate', direction: 1 });
    expect(card.open.mock.calls.at(-1)![1].incidents).toEqual([incident]);
  });

  it('destroy() removes every highlight, listener and timer it added', async () => {
    // Every listener is tied to a signal: removed when it is aborted.
    const added: { type: string; signal?: AbortSignal }[] = [];
    vi.spyOn(document, 'addEventListener').mockImplementation(
      (type, _fn, o) => void added.push({ type, signal: typeof o === 'object' ? o.signal : undefined }),
    );
    const incident = makeIncident(1);
    const {
      session: s,
      marks,
      registry,
      card,
    } = setup('<p>APT31 hit the ministry.</p>', {
      passages: async (text) => [{ incident, start: 0, end: text.length - 1 }],
    });
    session = s;
    await s.start(Promise.resolve(settings()));
    await vi.waitFor(() => expect(marks.has('incident')).toBe(true));
    s.handle({ type: 'page:navigate', direction: 1 });
    expect(marks.has('current')).toBe(true);
    // A close timer and a pointer check are pending when the session goes away.
    vi.useFakeTimers();
    s.hover.setOverCard(false);
    const cancelFrame = vi.spyOn(document.defaultView!, 'cancelAnimationFrame');
    s.hover.move(1, 1);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    const painted = s.scanner.mentions()[0]!;

    s.destroy();
    expect([...registry.keys()]).toEqual([]);
    expect([...marks.keys()]).toEqual([]);
    expect(added.filter((a) => !a.signal?.aborted)).toEqual([]);
    expect(added.length).toBeGreaterThan(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(cancelFrame).toHaveBeenCalled();
    expect(card.close).toHaveBeenCalled();
    // Nothing comes back: no observer, no pointer tracking.
    vi.useRealTimers();
    card.open.mockClear();
    s.hover.move(1, 1);
    s.hover.open(painted);
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Fancy Bear' }));
    await new Promise<void>((ok) => queueMicrotask(ok));
    expect(registry.size).toBe(0);
    expect(card.open).not.toHaveBeenCalled();
  });

  it('answers page:report with the address, title and first sentence of what the reader sees', async () => {
    document.title = '  Prague\n blames APT31 ';
    const { session: s } = setup(
      '<h1>Ministry breach</h1><p>The Czech government said on Monday that <b>APT31</b> was behind it. ' +
        'Fancy Bear was also seen. Later APT31 came back.</p><p>Fancy Bear again.</p>',
      {
        // The reader does not see an uncertain mention: it stays out of the report.
        find: (text, o) =>
          matcher.findMentions(text, o).map((m) => (m.id === 'apt28' ? { ...m, confidence: 0.3 } : m)),
      },
    );
    session = s;
    await s.start(Promise.resolve(settings()));
    expect(s.handle({ type: 'page:report' })).toEqual({
      url: document.URL,
      title: 'Prague blames APT31',
      entities: [
        {
          id: 'apt31',
          kind: 'actor',
          name: 'APT31',
          count: 2,
          sentence: 'The Czech government said on Monday that APT31 was behind it.',
        },
      ],
    });
    s.applySettings(settings({ showUncertain: true }));
    await vi.waitFor(() =>
      expect(s.handle({ type: 'page:report' }).entities.map((e) => [e.id, e.sentence])).toEqual([
        ['apt31', 'The Czech government said on Monday that APT31 was behind it.'],
        ['apt28', 'Fancy Bear was also seen.'],
      ]),
    );
    s.applySettings(settings({ pausedSites: ['news.example'] }));
    expect(s.handle({ type: 'page:report' }).entities).toEqual([]);
  });
});
