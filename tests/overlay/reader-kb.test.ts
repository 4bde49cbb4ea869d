import { describe, expect, it } from 'vitest';
import { ReaderKb } from '../../lib/overlay/reader-kb';
import { ownActor } from './make';

describe('ReaderKb', () => {
  it('answers from the bundled KB until the reader’s KB is read, then from both', () => {
    const kb = new ReaderKb();
    expect(kb.find('APT31', 3)[0]?.id).toBe('apt31');
    expect(kb.facts('apt31')).toBeDefined();
    const own = ownActor();
    expect(kb.lookup.entity(own.id)).toBeUndefined();
    kb.set({ entities: [own], extensions: [] });
    expect(kb.lookup.entity(own.id)?.entity.name).toBe(own.name);
    expect(kb.find(own.name, 3).map((h) => h.id)).toContain(own.id);
    expect(kb.facts(own.id)).toBeDefined();
  });
});
