import { describe, expect, it } from 'vitest';
import { lazyOpen } from '../lib/lazy-open';

describe('lazyOpen', () => {
  it('opens once and shares the connection', async () => {
    let opened = 0;
    const db = lazyOpen(async () => ({ n: ++opened }));
    const [a, b] = await Promise.all([db(), db()]);
    expect(a).toBe(b);
    expect(await db()).toBe(a);
    expect(opened).toBe(1);
  });

  it('tries again after a failed open instead of keeping the failure', async () => {
    let attempts = 0;
    const db = lazyOpen(async () => {
      if (++attempts === 1) throw new Error('blocked');
      return 'open';
    });
    await expect(db()).rejects.toThrow('blocked');
    expect(await db()).toBe('open');
    expect(await db()).toBe('open');
    expect(attempts).toBe(2);
  });
});
