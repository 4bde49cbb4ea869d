import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createSearch } from '../../lib/kb/search';
import { openOverlayDb } from '../../lib/overlay/db';
import { OverlayLookup } from '../../lib/overlay/lookup';
import { loadOverlayMatcher, type OverlayMatcherFile } from '../../lib/overlay/matcher';
import { OverlayService } from '../../lib/overlay/service';
import { extension, ownActor, T0 } from './make';

const agency = ownActor({
  id: 'ours-bureau',
  kind: 'agency',
  name: 'Bureau Nine',
  aliases: [],
  country: 'XX',
});
const overlay = {
  entities: [
    ownActor({ sponsor: 'cn-mss', notes: 'Our cluster', links: ['https://wiki.example/acme'] }),
    agency,
  ],
  extensions: [extension({ notes: 'We call it the crew' })],
};

describe('OverlayLookup', () => {
  const lookup = new OverlayLookup(overlay);

  it('resolves own ids and bundled ids alike, marking what is the reader’s', () => {
    expect(lookup.name('ours-unc-acme-7')).toBe('UNC-ACME-7');
    expect(lookup.name('apt31')).toBe('APT31');
    expect(lookup.name('ours-none')).toBe('ours-none');
    expect(lookup.entity('ours-bureau')).toMatchObject({ kind: 'agency', ours: { own: true } });
    expect(lookup.entity('apt31')?.ours).toMatchObject({
      own: false,
      aliases: [{ name: 'Kettle Crew', source: 'ours' }],
    });
    expect(lookup.entity('apt28')?.ours).toBeUndefined();
  });

  it('cards: an own actor with its sponsor named; a bundled entity with the names the reader added', () => {
    expect(lookup.card('ours-unc-acme-7')).toMatchObject({
      kind: 'actor',
      entity: { name: 'UNC-ACME-7' },
      names: { 'cn-mss': 'Ministry of State Security' },
      ours: { own: true, sponsor: 'cn-mss', notes: 'Our cluster', links: ['https://wiki.example/acme'] },
    });
    const apt31 = lookup.card('apt31')!;
    expect(apt31.ours).toMatchObject({ own: false, notes: 'We call it the crew' });
    expect(apt31.entity.name).toBe('APT31');
    // The bundled agency's card lists the reader's actor it sponsors too.
    expect(lookup.card('cn-mss')?.sponsors).toContainEqual({ id: 'ours-unc-acme-7', name: 'UNC-ACME-7' });
  });

  it('search finds own entities by any name, and bundled ones by the names the reader added', () => {
    const search = createSearch(lookup.searchable());
    expect(search('rusty kettle')[0]).toMatchObject({ id: 'ours-unc-acme-7', tier: 'exact' });
    expect(search('unc acme')[0]?.id).toBe('ours-unc-acme-7');
    expect(search('Kettle Crew')[0]).toMatchObject({ id: 'apt31', matched: 'Kettle Crew' });
    expect(search('Bureau Nine', 5, { kind: 'agency' })[0]?.id).toBe('ours-bureau');
  });
});

describe('OverlayService', () => {
  it('writes, then publishes a matcher tabs can load and tells the pages; a refused write publishes nothing', async () => {
    const published: (OverlayMatcherFile | null)[] = [];
    let announced = 0;
    const db = openOverlayDb('service-test');
    const service = new OverlayService({
      open: () => db,
      publish: async (f) => {
        published.push(f);
      },
      announce: () => announced++,
      now: () => T0,
    });
    expect(await service.write({ put: overlay.entities })).toEqual({
      ok: true,
      added: 2,
      updated: 0,
      removed: 0,
    });
    expect(published).toHaveLength(1);
    expect(
      loadOverlayMatcher(JSON.parse(JSON.stringify(published[0])))?.findMentions('UNC-ACME-7'),
    ).toHaveLength(1);
    expect((await service.lookup()).name('ours-bureau')).toBe('Bureau Nine');
    const refused = await service.write({ put: [extension({ extends: 'ours-bureau' })] });
    expect(refused.ok).toBe(false);
    expect(published).toHaveLength(1);
    expect(announced).toBe(1);
    expect(await service.write({ remove: ['ours-unc-acme-7', 'ours-bureau'] })).toMatchObject({ removed: 2 });
    expect(published.at(-1)).toBeNull();
  });
});
