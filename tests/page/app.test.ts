// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMatcher } from '../../lib/match/find-mentions';
import { startPage } from '../../lib/page/app';
import { PageSession } from '../../lib/page/session';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { FakeHighlight } from './fake-highlight';

const matcher = createMatcher([{ name: 'APT31', id: 'apt31', kind: 'actor', flags: 4, canonical: 'APT31' }]);

/** A session over many paragraphs, matched in small slices, with every call to the matcher counted. */
function setup(signal: AbortSignal, onYield: (n: number) => void = () => {}) {
  document.body.innerHTML = Array.from({ length: 600 }, (_, i) => `<p>Paragraph ${i} names APT31.</p>`).join(
    '',
  );
  const finds = { count: 0 };
  let yields = 0;
  const session = new PageSession({
    doc: document,
    site: 'news.example',
    signal,
    find: (text, o) => {
      finds.count++;
      return matcher.findMentions(text, o);
    },
    host: { highlights: new Map(), Highlight: FakeHighlight },
    isTrusted: () => true,
    scanner: {
      schedule: (fn) => setTimeout(fn, 0),
      yieldToBrowser: async () => onYield(++yields),
      firstSliceChars: 20,
      sliceBudgetMs: 0,
    },
  });
  return { session, finds };
}

afterEach(() => vi.restoreAllMocks());

describe('a page stopped on the way', () => {
  it('does no more matching once destroyed during a scan', async () => {
    const ctl = new AbortController();
    let atDestroy = -1;
    const { session, finds } = setup(ctl.signal, () => {
      // The first yield after a matching slice: the rest of the page is never matched.
      if (finds.count > 0 && atDestroy < 0) {
        session.destroy();
        atDestroy = finds.count;
      }
    });
    await session.start(Promise.resolve(DEFAULT_SETTINGS));
    expect(atDestroy).toBeGreaterThan(0);
    expect(finds.count).toBe(atDestroy);
    expect(session.scanner.mentions()).toEqual([]);
    // Undisturbed, the same page takes more slices.
    const whole = setup(new AbortController().signal);
    await whole.session.start(Promise.resolve(DEFAULT_SETTINGS));
    expect(whole.finds.count).toBeGreaterThan(atDestroy + 1);
    whole.session.destroy();
  });

  it('leaves no listener, observer or UI host behind when its context stops during start', async () => {
    for (const stopAt of ['reading', 'mounting'] as const) {
      const ctl = new AbortController();
      // Every document listener must be tied to a signal that is aborted at the end.
      const signals: (AbortSignal | undefined)[] = [];
      const add = document.addEventListener.bind(document);
      vi.spyOn(document, 'addEventListener').mockImplementation((type, fn, options) => {
        signals.push(typeof options === 'object' ? options.signal : undefined);
        add(type, fn, options);
      });
      const { session, finds } = setup(ctl.signal, (n) => {
        if (stopAt === 'reading' && n === 2) ctl.abort();
      });
      const subscribed = vi.fn(() => () => {});
      const started = await startPage({
        signal: ctl.signal,
        session,
        win: window,
        settings: Promise.resolve(DEFAULT_SETTINGS),
        mountUi: async () => {
          const host = document.createElement('apt-lens-ui');
          document.documentElement.append(host);
          if (stopAt === 'mounting') ctl.abort();
          return { layer: host, remove: () => host.remove() };
        },
        follow: [subscribed],
      });
      expect(started).toBe(false);
      expect(subscribed).not.toHaveBeenCalled();
      expect(document.querySelector('apt-lens-ui')).toBeNull();
      expect(signals.length).toBeGreaterThan(0);
      expect(signals.every((s) => s?.aborted)).toBe(true);
      // No observer: new text is never read.
      const before = finds.count;
      document.body.insertAdjacentHTML('beforeend', '<p>More on APT31.</p>');
      await new Promise((ok) => setTimeout(ok, 20));
      expect(finds.count).toBe(before);
      vi.restoreAllMocks();
    }
  });

  it('starts nothing under a context that stopped before it began', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const { session, finds } = setup(ctl.signal);
    const mountUi = vi.fn(async () => undefined);
    expect(
      await startPage({
        signal: ctl.signal,
        session,
        win: window,
        settings: Promise.resolve(DEFAULT_SETTINGS),
        mountUi,
        follow: [],
      }),
    ).toBe(false);
    expect(mountUi).not.toHaveBeenCalled();
    expect(finds.count).toBe(0);
  });
});
