import { describe, expect, it } from 'vitest';
import { parsePageRequest, summarize } from '../lib/page-messages';

describe('page messages', () => {
  it.each([
    [{ type: 'page:navigate', direction: 1 }, true],
    [{ type: 'page:navigate', direction: 2 }, false],
    [{ type: 'page:summary' }, true],
    [{ type: 'page:reveal', id: 'apt31' }, true],
    [{ type: 'page:reveal', id: 'APT 31' }, false],
    [{ type: 'kb:entity', id: 'apt31' }, false],
    [null, false],
  ])('%j valid: %s', (msg, ok) => {
    expect(parsePageRequest(msg) !== undefined).toBe(ok);
  });

  it('summarizes by entity, with counts, in order of first appearance', () => {
    const a = { id: 'apt31', kind: 'actor' as const, name: 'APT31' };
    const b = { id: 'cz-nukib', kind: 'agency' as const, name: 'NÚKIB' };
    expect(summarize([b, a, b])).toEqual([
      { ...b, count: 2 },
      { ...a, count: 1 },
    ]);
  });
});
