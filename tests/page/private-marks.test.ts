// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrivateMarks, textRects } from '../../lib/page/private-marks';

/** happy-dom does no layout: each text piece gets a rect from its offsets, 10 px a character. */
function fakeLayout() {
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const w = (this.endOffset - this.startOffset) * 10;
    return [new DOMRect(this.startOffset * 10, 100, w, 16)] as unknown as DOMRectList;
  });
}

describe('PrivateMarks', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('takes one rect per text node a range covers, not the element boxes', () => {
    fakeLayout();
    document.body.innerHTML = '<p id="a">Hello <b>APT31</b> world</p>';
    const p = document.getElementById('a')!;
    const range = document.createRange();
    range.setStart(p.firstChild!, 2);
    range.setEnd(p.lastChild!, 3);
    expect(textRects(range).map((r) => r.width)).toEqual([40, 50, 30]);
  });

  it('draws boxes in the layer, relative to the layer, and removes them', () => {
    fakeLayout();
    document.body.innerHTML = '<p id="a">Saved passage here</p><div id="layer"></div>';
    const layer = document.getElementById('layer')!;
    vi.spyOn(layer, 'getBoundingClientRect').mockReturnValue(new DOMRect(5, 20, 0, 0));
    const text = document.getElementById('a')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 5);
    const marks = new PrivateMarks(layer, window);
    marks.set('incident', [range]);
    marks.draw();
    const box = layer.querySelector<HTMLElement>('.mark.incident')!;
    expect([box.style.left, box.style.top, box.style.width, box.style.height]).toEqual([
      '-5px',
      '80px',
      '50px',
      '16px',
    ]);
    marks.set('current', [range]);
    marks.draw();
    expect(layer.querySelectorAll('.mark')).toHaveLength(2);
    marks.clear();
    expect(layer.children).toHaveLength(0);
  });

  it('puts boxes at their text’s place in the page, and moves them with the document’s scroll unmeasured', () => {
    fakeLayout();
    document.body.innerHTML = '<p id="a">Saved passage here</p><div id="layer"></div>';
    const layer = document.getElementById('layer')!;
    const text = document.getElementById('a')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 5);
    const scrolled = vi.spyOn(window, 'scrollY', 'get').mockReturnValue(100);
    const marks = new PrivateMarks(layer, window);
    marks.set('watched', [range]);
    const box = layer.querySelector<HTMLElement>('.mark.watched')!;
    const sheet = layer.querySelector<HTMLElement>('.marks-page')!;
    // The text's viewport top is 100 (the fake layout), so 200 in the page; the sheet is shifted back.
    expect([box.style.top, sheet.style.transform]).toEqual(['200px', 'translate(0px, -100px)']);
    const measure = vi.spyOn(Range.prototype, 'getClientRects');
    measure.mockClear();
    scrolled.mockReturnValue(150);
    document.dispatchEvent(new Event('scroll'));
    expect(sheet.style.transform).toBe('translate(0px, -150px)');
    expect(measure).not.toHaveBeenCalled();
    marks.clear();
  });

  it('draws covers only where IntersectionObserver v2 exists, and only near the viewport', () => {
    fakeLayout();
    const placed = new Map<Range, DOMRect>();
    vi.spyOn(Range.prototype, 'getBoundingClientRect').mockImplementation(function (this: Range) {
      return placed.get(this) ?? new DOMRect();
    });
    // One line per paragraph, 500 px apart: 0 and 1 are in view, 2 within a window below, 3 and 4 far below.
    document.body.innerHTML = `${[0, 1, 2, 3, 4].map((i) => `<p>APT31 ${i}</p>`).join('')}<div id="layer"></div>`;
    const ranges = [...document.querySelectorAll('p')].map((p, i) => {
      const r = document.createRange();
      r.setStart(p.firstChild!, 0);
      r.setEnd(p.firstChild!, 5);
      placed.set(r, new DOMRect(0, i * 500, 50, 16));
      return r;
    });
    const layer = document.getElementById('layer')!;
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(600);
    const marks = new PrivateMarks(layer, window);
    marks.set('cover', ranges);
    expect(layer.querySelectorAll('.mark')).toHaveLength(0);
    Object.defineProperty(window.IntersectionObserverEntry.prototype, 'isVisible', {
      configurable: true,
      get: () => true,
    });
    try {
      marks.set('cover', ranges);
      // The band is a window above and two below the top: 0..1200 px holds paragraphs 0, 1 and 2.
      expect(layer.querySelectorAll('.mark.cover')).toHaveLength(3);
      // A watched name gets its box only where its cover is drawn (never a box that stands out alone).
      marks.set('watched', [ranges[1]!, ranges[4]!]);
      expect(layer.querySelectorAll('.mark.watched')).toHaveLength(1);
    } finally {
      delete (window.IntersectionObserverEntry.prototype as { isVisible?: boolean }).isVisible;
      marks.clear();
    }
  });

  it('redraws after the page changes', async () => {
    fakeLayout();
    document.body.innerHTML = '<p id="a">Saved passage here</p><div id="layer"></div>';
    const layer = document.getElementById('layer')!;
    const text = document.getElementById('a')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 5);
    const marks = new PrivateMarks(layer, window);
    marks.set('incident', [range]);
    expect(layer.children).toHaveLength(1);
    const draw = vi.spyOn(marks, 'draw');
    document.body.append(document.createElement('p'));
    await vi.waitFor(() => expect(draw).toHaveBeenCalled());
    marks.clear();
  });
});
