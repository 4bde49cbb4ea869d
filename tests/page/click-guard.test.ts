import { describe, expect, it } from 'vitest';
import { ARM_MS, ClickGuard } from '../../lib/page/click-guard';

describe('ClickGuard', () => {
  const clock = () => {
    const c = { t: 1000, now: () => c.t };
    return c;
  };
  const real = { isTrusted: true };

  it('ignores clicks in the first moments after the card appears', () => {
    const c = clock();
    const g = new ClickGuard(c.now);
    g.shown();
    expect(g.allows(real)).toBe(false);
    expect(g.waitMs()).toBe(ARM_MS);
    c.t += ARM_MS - 1;
    expect(g.allows(real)).toBe(false);
    c.t += 1;
    expect(g.allows(real)).toBe(true);
  });

  it('never lets an untrusted (script-dispatched) click through', () => {
    const c = clock();
    const g = new ClickGuard(c.now);
    g.shown();
    c.t += 10 * ARM_MS;
    expect(g.allows({ isTrusted: false })).toBe(false);
  });

  it('arms again when the card moves to another name', () => {
    const c = clock();
    const g = new ClickGuard(c.now);
    g.shown();
    c.t += ARM_MS;
    expect(g.ready).toBe(true);
    g.shown();
    expect(g.ready).toBe(false);
  });

  it('keeps the buttons of a covered card still until it is uncovered', () => {
    const c = clock();
    const g = new ClickGuard(c.now);
    g.shown();
    g.setCovered(true);
    c.t += ARM_MS;
    expect(g.allows(real)).toBe(false);
    expect(g.waitMs()).toBe(Number.POSITIVE_INFINITY);
    g.setCovered(false);
    expect(g.allows(real)).toBe(true);
  });
});
