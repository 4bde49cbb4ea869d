import { describe, expect, it } from 'vitest';
import { EMPTY_OVERLAY, type Overlay } from '../../lib/overlay/model';
import { overlayProblems } from '../../lib/overlay/validate';
import { extension, ownActor } from './make';

const messages = (o: Partial<Overlay>) =>
  overlayProblems({ ...EMPTY_OVERLAY, ...o }).map((p) => `${p.key} ${p.field}: ${p.message}`);

describe('overlayProblems', () => {
  it('accepts own entities and extensions that reference what exists', () => {
    const agency = ownActor({ id: 'ours-bureau', kind: 'agency', name: 'Bureau Nine', aliases: [] });
    expect(
      messages({
        entities: [
          ownActor({ sponsor: 'ours-bureau' }),
          agency,
          ownActor({ id: 'ours-b', name: 'Crew B', aliases: [], sponsor: 'cn-mss' }),
        ],
        extensions: [extension()],
      }),
    ).toEqual([]);
  });

  it('refuses names the bundled KB has, names used twice, and a name that means two entries', () => {
    expect(
      messages({ entities: [ownActor({ aliases: [{ name: 'Judgment Panda', source: 'CrowdStrike' }] })] }),
    ).toEqual([
      expect.stringMatching(
        /^ours-unc-acme-7 aliases: “Judgment Panda” is already a name of APT31 in the bundled KB/,
      ),
    ]);
    expect(messages({ entities: [ownActor({ aliases: [{ name: 'unc acme 7', source: 'ours' }] })] })).toEqual(
      ['ours-unc-acme-7 aliases: “unc acme 7” is listed twice.'],
    );
    expect(
      messages({
        entities: [ownActor()],
        extensions: [extension({ aliases: [{ name: 'Rusty  Kettle', source: 'ours' }] })],
      }),
    ).toEqual(['apt31 aliases: “Rusty  Kettle” is already a name of UNC-ACME-7 in your KB.']);
    expect(
      messages({ extensions: [extension({ aliases: [{ name: 'Zirconium', source: 'ours' }] })] }),
    ).toEqual(['apt31 aliases: “Zirconium” is already a name of APT31 in the bundled KB.']);
  });

  it('refuses broken references and repeated keys', () => {
    expect(messages({ extensions: [extension({ extends: 'no-such-thing' })] })).toEqual([
      'no-such-thing extends: no-such-thing is not an entity of the bundled KB.',
    ]);
    expect(messages({ entities: [ownActor({ sponsor: 'apt28' })] })).toEqual([
      'ours-unc-acme-7 sponsor: The sponsor apt28 is not an agency.',
    ]);
    expect(messages({ entities: [ownActor({ sponsor: 'ours-nobody' })] })).toEqual([
      'ours-unc-acme-7 sponsor: No agency has the id ours-nobody.',
    ]);
    expect(messages({ entities: [ownActor(), ownActor({ name: 'Another', aliases: [] })] })[0]).toBe(
      'ours-unc-acme-7 id: The id ours-unc-acme-7 is used twice.',
    );
  });

  it('refuses a name the matcher could never find on a page', () => {
    expect(
      messages({ entities: [ownActor({ aliases: [{ name: 'Team (Seven)', source: 'ours' }] })] }),
    ).toEqual([expect.stringContaining('“Team (Seven)” cannot be found on a page as written')]);
  });
});
