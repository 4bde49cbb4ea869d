// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMatcher } from '../../lib/match/find-mentions';
import { nextSliceSize, PageScanner, sliceEnd } from '../../lib/page/scanner';
import { FakeHighlight } from './fake-highlight';

const matcher = createMatcher([
  { name: 'APT31', id: 'apt31', kind: 'actor', flags: 4, canonical: 'APT31' },
  { name: 'Judgment Panda', id: 'apt31', kind: 'actor', flags: 0, canonical: 'APT31' },
  { name: 'Fancy Bear', id: 'apt28', kind: 'actor', flags: 0, canonical: 'APT28' },
]);

function setup(html: string, extra: Partial<ConstructorParameters<typeof PageScanner>[0]> = {}) {
  document.body.innerHTML = html;
  const registry = new Map<string, FakeHighlight>();
  const scans: string[] = [];
  let scheduled = 0;
  const scanner = new PageScanner({
    doc: document,
    find: (t, o) => matcher.findMentions(t, o),
    host: { highlights: registry, Highlight: FakeHighlight as never },
    schedule: (fn) => {
      scheduled++;
      setTimeout(fn, 0);
    },
    yieldToBrowser: () => Promise.resolve(),
    onScan: (kind) => scans.push(kind),
    ...extra,
  });
  const texts = () => scanner.mentions().map((p) => p.range.toString());
  return { scanner, registry, scans, texts, scheduled: () => scheduled };
}

/** Lets pending microtasks run, so a MutationObserver delivers its records. */
const microtasks = () => new Promise<void>((ok) => queueMicrotask(ok));

describe('PageScanner', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('paints every mention of the page, in document order', async () => {
    const { scanner, registry, texts } = setup('<p>Fancy Bear and APT<b>31</b></p><p>Judgment Panda</p>');
    stop = () => scanner.stop();
    await scanner.start();
    expect(texts()).toEqual(['Fancy Bear', 'APT31', 'Judgment Panda']);
    expect(registry.get('apt-lens-actor')?.ranges).toHaveLength(3);
  });

  it('rescans only what changed: added articles are painted, nothing is counted twice', async () => {
    const { scanner, scans, texts } = setup('<p id="a">APT31</p><div id="feed"></div>');
    stop = () => scanner.stop();
    await scanner.start();
    const art = document.createElement('p');
    art.textContent = 'Later, Fancy Bear struck.';
    document.getElementById('feed')!.append(art);
    await vi.waitFor(() => expect(scans).toEqual(['full', 'incremental']));
    expect(texts()).toEqual(['APT31', 'Fancy Bear']);
    // A re-render that replaces the text with the same words keeps one mention each.
    document.getElementById('a')!.textContent = 'APT31';
    await vi.waitFor(() => expect(scans).toHaveLength(3));
    expect(texts()).toEqual(['APT31', 'Fancy Bear']);
  });

  it('drops mentions whose text was removed or changed', async () => {
    const { scanner, texts } = setup('<p id="a">APT31 here</p><p id="b">Fancy Bear</p>');
    stop = () => scanner.stop();
    await scanner.start();
    document.getElementById('a')!.firstChild!.nodeValue = 'nothing here';
    document.getElementById('b')!.remove();
    await vi.waitFor(() => expect(texts()).toEqual([]));
  });

  it('falls back to one full rescan after a huge burst', async () => {
    const { scanner, scans, texts } = setup('<div id="list"></div>', { burstLimit: 5 });
    stop = () => scanner.stop();
    await scanner.start();
    const list = document.getElementById('list')!;
    for (let i = 0; i < 20; i++) {
      const div = document.createElement('div');
      const p = document.createElement('p');
      div.append(p);
      list.append(div);
      p.textContent = `item ${i} APT31`;
    }
    await vi.waitFor(() => expect(texts()).toHaveLength(20));
    expect(scans.at(-1)).toBe('full');
  });

  it('ignores edits inside editable areas', async () => {
    const { scanner, texts } = setup('<div contenteditable="true"><p id="e">draft</p></div>');
    stop = () => scanner.stop();
    await scanner.start();
    document.getElementById('e')!.textContent = 'APT31 in my draft';
    // An edit outside in the same batch: once it is painted, the draft's edit has been seen too.
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Fancy Bear' }));
    await vi.waitFor(() => expect(texts()).toEqual(['Fancy Bear']));
  });

  it('stop() removes every highlight and stops watching', async () => {
    const { scanner, registry, texts, scheduled } = setup('<p>APT31</p>');
    await scanner.start();
    scanner.stop();
    expect(registry.size).toBe(0);
    const before = scheduled();
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Fancy Bear' }));
    await microtasks();
    expect(scheduled()).toBe(before);
    expect(texts()).toEqual([]);
  });

  it('reads a long page in several slices, yielding between them, and misses nothing', async () => {
    const html = Array.from(
      { length: 400 },
      (_, i) => `<p>Paragraph ${i} names Fancy Bear and APT31.</p>`,
    ).join('');
    let yields = 0;
    const { scanner, texts } = setup(html, {
      firstSliceChars: 100,
      sliceBudgetMs: 0.001,
      yieldToBrowser: async () => void yields++,
    });
    stop = () => scanner.stop();
    await scanner.start();
    expect(texts()).toHaveLength(800);
    expect(yields).toBeGreaterThan(1);
  });

  it('filters mentions the reader turned off on this site', async () => {
    const { scanner, texts } = setup('<p>APT31 and Fancy Bear</p>', { accept: (m) => m.id !== 'apt28' });
    stop = () => scanner.stop();
    await scanner.start();
    expect(texts()).toEqual(['APT31']);
  });
});

describe('slices', () => {
  it('end at the block break after the size', () => {
    const text = 'aaaa\nbbbb\ncccc';
    expect(sliceEnd(text, 0, 3)).toBe(4);
    expect(sliceEnd(text, 5, 3)).toBe(9);
    expect(sliceEnd(text, 10, 3)).toBe(14);
    expect(sliceEnd('short', 0, 100)).toBe(5);
  });

  it('are sized from the last slice’s speed, within bounds, growing at most twofold', () => {
    expect(nextSliceSize(10_000, 4, 8)).toBe(20_000);
    expect(nextSliceSize(10_000, 2, 8)).toBe(20_000);
    expect(nextSliceSize(300_000, 0, 8)).toBe(400_000);
    expect(nextSliceSize(1_000, 100, 8)).toBe(4_000);
  });
});
