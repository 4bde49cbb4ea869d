import { describe, expect, it } from 'vitest';
import { TabRateLimit } from '../../lib/sightings/rate-limit';

describe('TabRateLimit', () => {
  it('lets a tab record a few pages per window, then none until the window moves on', () => {
    const limit = new TabRateLimit(3, 60_000);
    const allowed = Array.from({ length: 10 }, (_, i) =>
      limit.allow(1, `https://flood.example/?n=${i}`, i * 100),
    );
    expect(allowed).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // A minute after the first page, one slot is free again.
    expect(limit.allow(1, 'https://flood.example/?n=late', 60_000)).toBe(true);
    expect(limit.allow(1, 'https://flood.example/?n=later', 60_050)).toBe(false);
  });

  it('always lets a page already recorded in the window report again (a watchlist change resends it)', () => {
    const limit = new TabRateLimit(1, 60_000);
    expect(limit.allow(1, 'https://news.example/a', 0)).toBe(true);
    expect(limit.allow(1, 'https://news.example/b', 10)).toBe(false);
    expect(limit.allow(1, 'https://news.example/a', 20)).toBe(true);
  });

  it('counts each tab apart, and forgets a closed one', () => {
    const limit = new TabRateLimit(1, 60_000);
    expect(limit.allow(1, 'https://a.example/', 0)).toBe(true);
    expect(limit.allow(2, 'https://b.example/', 0)).toBe(true);
    expect(limit.allow(1, 'https://a.example/2', 0)).toBe(false);
    limit.forget(1);
    expect(limit.allow(1, 'https://a.example/2', 0)).toBe(true);
  });
});
