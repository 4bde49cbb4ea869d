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

  it('draws only the boxes inside the viewport (the layer is fixed and clipped to it)', () => {
    fakeLayout();
    document.body.innerHTML = '<p id="a">Saved passage here</p><div id="layer"></div>';
    const layer = document.getElementById('layer')!;
    const text = document.getElementById('a')!.firstChild!;
    const range = (start: number, end: number) => {
      const r = document.createRange();
      r.setStart(text, start);
      r.setEnd(text, end);
      return r;
    };
    vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(60);
    const marks = new PrivateMarks(layer, window);
    // 0-5 lies at x 0..50 (inside), 8-13 at x 80..130 (right of a 60 px wide viewport).
    marks.set('watched', [range(0, 5), range(8, 13)]);
    expect(layer.querySelectorAll('.mark')).toHaveLength(1);
    marks.clear();
  });

  it('draws covers only where IntersectionObserver v2 exists (they answer nothing else)', () => {
    fakeLayout();
    document.body.innerHTML = '<p id="a">APT31 here</p><div id="layer"></div>';
    const layer = document.getElementById('layer')!;
    const text = document.getElementById('a')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 5);
    const marks = new PrivateMarks(layer, window);
    marks.set('cover', [range]);
    expect(layer.children).toHaveLength(0);
    Object.defineProperty(window.IntersectionObserverEntry.prototype, 'isVisible', {
      configurable: true,
      get: () => true,
    });
    try {
      marks.set('cover', [range]);
      expect(layer.querySelectorAll('.mark.cover')).toHaveLength(1);
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
