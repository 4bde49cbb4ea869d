import { describe, expect, it } from 'vitest';
import { isEntityId } from '../../lib/kb/entity-id';
import { getEntity, loadKb } from '../../lib/kb/index';
import { fitId } from '../../scripts/kb/text';

describe('KB ids', () => {
  it('every actor and agency id fits the id pattern, so an incident can name it', () => {
    const kb = loadKb();
    const bad = [...kb.actors, ...kb.agencies].map((e) => e.id).filter((id) => !isEntityId(id));
    expect(bad).toEqual([]);
  });

  it('an agency whose id was shortened still resolves by its former id', () => {
    const renamed = loadKb().agencies.filter((a) => a.formerId);
    expect(renamed.length).toBeGreaterThan(0);
    for (const a of renamed) {
      expect(a.formerId!.length).toBeGreaterThan(81);
      expect(getEntity(a.formerId!)?.entity.id).toBe(a.id);
    }
  });

  it('an actor merged into another (or renamed) still resolves by its former id', () => {
    const kb = loadKb();
    const ids = new Set([...kb.actors, ...kb.agencies].map((e) => e.id));
    const former = kb.actors.flatMap((a) => (a.formerIds ?? []).map((f) => [f, a.id] as const));
    expect(former).toContainEqual(['reddelta', 'mustang-panda']);
    expect(former).toContainEqual(['charming-kitten', 'apt35']);
    expect(former).toContainEqual(['bitwise-spider', 'lockbit']);
    expect(new Set(former.map(([f]) => f)).size).toBe(former.length);
    for (const [f, id] of former) {
      expect(ids.has(f), f).toBe(false);
      expect(isEntityId(f), f).toBe(true);
      expect(getEntity(f)?.entity.id).toBe(id);
    }
  });

  it('fitId cuts at a hyphen and keeps the salt', () => {
    expect(fitId('xx-short', 'ab12')).toBe('xx-short');
    const long = `de-${'word-'.repeat(30)}end`;
    const fit = fitId(long, 'ab12');
    expect(fit.length).toBeLessThanOrEqual(81);
    expect(fit).toMatch(/^de-word-(word-)*ab12$/);
  });
});
