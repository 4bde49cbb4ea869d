import { describe, expect, it } from 'vitest';
import type { ParsedImportFile } from '../../../lib/overlay/import/candidate';
import { parseImportFile } from '../../../lib/overlay/import/parse';
import { toStixBundle } from '../../../lib/stix/incidents-bundle';
import { agencyIdentityId } from '../../../lib/stix/objects';
import { makeIncident } from '../../incidents/make';

const ok = (r: ParsedImportFile) => {
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('APT Lens’s own STIX export, imported into Your KB', () => {
  it('reads the sponsor through its threat actor, and agencies by their bare name and country', () => {
    const bundle = toStixBundle([makeIncident(1, { actorIds: ['apt31'], agencyIds: ['cz-mfa'] })]);
    const r = ok(parseImportFile(JSON.stringify(bundle)));
    const names = r.candidates.map((c) => [c.kind, c.name, c.country]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['actor', 'APT31', undefined],
        ['agency', 'Ministry of State Security', 'CN'],
        ['agency', 'Ministry of Foreign Affairs', 'CZ'],
      ]),
    );
    // The sponsor threat actor is the agency in another role, not an actor of its own.
    expect(r.candidates.filter((c) => c.kind === 'actor').map((c) => c.name)).toEqual(['APT31']);
    const apt31 = r.candidates.find((c) => c.name === 'APT31')!;
    expect(apt31.sponsor).toEqual({ ref: agencyIdentityId('cn-mss'), name: 'Ministry of State Security' });
  });
});
