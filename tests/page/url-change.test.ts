import { describe, expect, it, vi } from 'vitest';
import { rescanOnUrlChange } from '../../lib/page/url-change';

describe('rescanOnUrlChange', () => {
  it('does nothing while the URL stays the same, however often it is asked (a forged event)', async () => {
    const rescan = vi.fn(async () => {});
    const check = rescanOnUrlChange(() => 'https://a.example/1', rescan);
    for (let i = 0; i < 100; i++) await check();
    expect(rescan).not.toHaveBeenCalled();
  });

  it('rescans once per real change', async () => {
    let url = 'https://a.example/1';
    const rescan = vi.fn(async () => {});
    const check = rescanOnUrlChange(() => url, rescan);
    url = 'https://a.example/2';
    await check();
    await check();
    expect(rescan).toHaveBeenCalledTimes(1);
  });

  it('runs one rescan at a time and catches up with a change made during it', async () => {
    let url = 'https://a.example/1';
    let release: () => void = () => {};
    let active = 0;
    let most = 0;
    const rescan = vi.fn(async () => {
      active++;
      most = Math.max(most, active);
      await new Promise<void>((ok) => {
        release = ok;
      });
      active--;
    });
    const check = rescanOnUrlChange(() => url, rescan);
    url = 'https://a.example/2';
    const first = check();
    for (let i = 0; i < 10; i++) {
      url = `https://a.example/3?${i}`;
      void check();
    }
    release();
    await vi.waitFor(() => expect(rescan).toHaveBeenCalledTimes(2));
    release();
    await first;
    expect(most).toBe(1);
    expect(rescan).toHaveBeenCalledTimes(2);
  });
});
