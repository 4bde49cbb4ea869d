import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNameTable } from '../../lib/kb/names';
import { compile } from '../../scripts/kb/build';
import { compact } from '../../scripts/kb/identity';
import { group, mispActor, noCuration, upstream } from './fixtures';

describe('campaigns are not actors', () => {
  const r = compile(
    upstream({
      threatActors: [
        mispActor('w', 'Operation Wocao', []),
        mispActor('n', 'Night Dragon', []),
        mispActor('e', 'Operation Emmental', ['Retefe Gang']),
        mispActor('l', 'Lazarus Group', ['Operation Troy', 'Hidden Cobra']),
        mispActor('h', 'HEXANE', []),
      ],
      mitreGroups: [group('G1001', 'HEXANE', [], 'hex')],
      mitreCampaigns: [
        { id: 'campaign--1', name: 'Night Dragon', attributedTo: [] },
        { id: 'campaign--2', name: 'HomeLand Justice', attributedTo: ['intrusion-set--hex'] },
      ],
    }),
    noCuration(),
    new Set(),
  );
  const actor = (id: string) => r.kb.actors.find((a) => a.id === id);

  it('drops a record that is only a campaign: an ATT&CK campaign, or an "Operation …" name', () => {
    expect(r.kb.actors.map((a) => a.id)).toEqual(['hexane', 'lazarus-group', 'retefe-gang']);
  });

  it('keeps a record that also carries a group name, under that name, with the operation as related', () => {
    expect(actor('retefe-gang')).toMatchObject({
      name: 'Retefe Gang',
      formerIds: ['operation-emmental'],
      relatedNames: [{ name: 'Operation Emmental', kind: 'campaign' }],
    });
  });

  it("takes campaign names off an actor's names and shows ATT&CK's attributed campaigns on its card", () => {
    expect(actor('lazarus-group')!.aliases.map((a) => a.name)).toEqual(['Lazarus Group', 'Hidden Cobra']);
    expect(actor('lazarus-group')!.relatedNames).toEqual([{ name: 'Operation Troy', kind: 'campaign' }]);
    expect(actor('hexane')!.relatedNames).toEqual([{ name: 'HomeLand Justice', kind: 'campaign' }]);
    expect(r.names.rows.some((row) => /Operation|Night Dragon|HomeLand/.test(row[0]))).toBe(false);
  });
});

const campaignsFile = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'upstream',
  'mitre-cti',
  'campaigns.json',
);

describe.skipIf(!existsSync(campaignsFile))('the bundled name table', () => {
  it('has no ATT&CK campaign name as an actor name', () => {
    const objects = existsSync(campaignsFile)
      ? (JSON.parse(readFileSync(campaignsFile, 'utf8')).objects as {
          type: string;
          name: string;
          aliases?: string[];
        }[])
      : [];
    const campaigns = new Set(
      objects
        .filter((o) => o.type === 'campaign')
        .flatMap((o) => [o.name, ...(o.aliases ?? [])].map(compact)),
    );
    const painted = loadNameTable().filter((row) => row.kind === 'actor' && campaigns.has(compact(row.name)));
    expect(painted.map((row) => `${row.name} → ${row.id}`)).toEqual([]);
  });
});
