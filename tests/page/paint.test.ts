// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Mention } from '../../lib/match/types';
import { collectText } from '../../lib/page/collect';
import { highlightNameOf, highlightOf, isCertain, paint, rangesFor, unpaint } from '../../lib/page/paint';
import { FakeHighlight } from './fake-highlight';

const m = (
  start: number,
  end: number,
  kind: 'actor' | 'agency',
  candidates?: string[],
  confidence = 1,
): Mention => ({
  start,
  end,
  text: '',
  kind,
  id: 'x',
  name: 'X',
  confidence,
  ...(candidates ? { candidates } : {}),
});

describe('paint', () => {
  it('picks the highlight by kind, ambiguity and style', () => {
    expect(highlightNameOf(m(0, 1, 'actor'), 'background')).toBe('apt-lens-actor');
    expect(highlightNameOf(m(0, 1, 'agency'), 'underline')).toBe('apt-lens-agency-underline');
    expect(highlightNameOf(m(0, 1, 'actor', ['a', 'b'], 0.5), 'background')).toBe('apt-lens-ambiguous');
    // Context chose one of the candidates: painted as that kind.
    expect(highlightNameOf(m(0, 1, 'agency', ['a', 'b'], 0.7), 'background')).toBe('apt-lens-agency');
    // Below the threshold: its own style, whatever the kind (painted only when the reader asks).
    expect(highlightNameOf(m(0, 1, 'agency', ['a', 'b'], 0.4), 'background')).toBe('apt-lens-uncertain');
    expect(highlightNameOf(m(0, 1, 'actor', undefined, 0.4), 'underline')).toBe(
      'apt-lens-uncertain-underline',
    );
    expect(isCertain(m(0, 1, 'actor', undefined, 0.5))).toBe(true);
    expect(isCertain(m(0, 1, 'actor', undefined, 0.45))).toBe(false);
  });

  it('registers one Highlight per kind with ranges over the right text, without touching the DOM', () => {
    document.body.innerHTML = '<p>Judgment <a>Panda</a> and the <b>MSS</b></p>';
    const before = document.body.innerHTML;
    const page = collectText(document.body);
    const painted = rangesFor(page, [m(0, 14, 'actor'), m(23, 26, 'agency')], document);
    const registry = new Map<string, FakeHighlight>();
    const host = { highlights: registry, Highlight: FakeHighlight as never };
    paint(host, painted, 'background');
    expect([...registry.keys()].sort()).toEqual(['apt-lens-actor', 'apt-lens-agency']);
    expect(painted.map((p) => p.range.toString())).toEqual(['Judgment Panda', 'MSS']);
    expect(document.body.innerHTML).toBe(before);
    unpaint(host);
    expect(registry.size).toBe(0);
  });
});

describe('highlightOf', () => {
  it('adds ranges one by one, so a page with 200,000 names does not overflow the stack', () => {
    const range = document.createRange();
    const h = highlightOf({ Highlight: FakeHighlight }, Array(200_000).fill(range));
    expect(h.ranges).toHaveLength(200_000);
  });
});
