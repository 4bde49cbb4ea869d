import { describe, expect, it } from 'vitest';
import { getEntity, loadKb } from '../../lib/kb';
import { findMentions } from '../../lib/match/find-mentions';

const agencyIn = (text: string) =>
  findMentions(text, { topical: true })
    .filter((m) => m.kind === 'agency')
    .map((m) => [m.text, m.id]);

describe('regulators, data-protection authorities, departments, police, nuclear and energy bodies', () => {
  it('has each body once, with a kind, a country and a known parent', () => {
    const kb = loadKb();
    for (const id of [
      'us-sec',
      'us-ftc',
      'us-fcc',
      'us-hhs',
      'us-doe',
      'us-nrc',
      'us-ofac',
      'gb-ico',
      'gb-ofcom',
      'gb-met',
      'ie-dpc',
      'fr-cnil',
      'de-lka',
      'de-lfv',
      'nl-ap',
      'au-oaic',
      'kr-pipc',
      'int-iaea',
      'int-edpb',
    ])
      expect(getEntity(id)?.kind, id).toBe('agency');
    expect(getEntity('us-ofac')?.entity).toMatchObject({ kind: 'public-body', parent: 'us-treasury' });
    expect(getEntity('gb-ico')?.entity).toMatchObject({ kind: 'regulator', country: 'GB' });
    expect(new Set(kb.agencies.map((a) => a.id)).size).toBe(kb.agencies.length);
  });

  it.each([
    [
      'The Department of Energy said hackers breached the NNSA through the SharePoint flaw.',
      [
        ['Department of Energy', 'us-doe'],
        ['NNSA', 'us-nnsa'],
      ],
    ],
    [
      'The Met Police arrested two teenagers over the cyberattack on the nursery chain.',
      [['Met Police', 'gb-met']],
    ],
    ['Ofcom warned telecoms operators about SIM-swap fraud.', [['Ofcom', 'gb-ofcom']]],
    ['The US SEC charged the company over its breach disclosures.', [['SEC', 'us-sec']]],
    [
      'The LKA Baden-Württemberg seized the servers of the phishing service.',
      [['LKA Baden-Württemberg', 'de-lka-bw']],
    ],
    ["Spain's Guardia Civil dismantled the cybercrime ring.", [['Guardia Civil', 'es-guardia-civil']]],
    [
      "South Korea's Personal Information Protection Commission fined the retailer after the breach.",
      [['Personal Information Protection Commission', 'kr-pipc']],
    ],
    [
      'The Cyber National Mission Force shared malware samples with VirusTotal.',
      [['Cyber National Mission Force', 'us-cnmf']],
    ],
  ])('%s', (text, expected) => {
    expect(agencyIn(text)).toEqual(expected);
  });

  it('lets the country in the text decide between two bodies with one acronym', () => {
    expect(agencyIn('OFAC sanctioned the bulletproof hosting provider used by ransomware gangs.')).toEqual([
      ['OFAC', 'us-ofac'],
    ]);
    expect(agencyIn('The French OFAC, the anti-cybercrime office, arrested the suspect in Paris.')).toEqual([
      ['OFAC', 'fr-ofac'],
    ]);
  });

  it('paints no acronym used in its other sense', () => {
    expect(agencyIn('Alabama beat Georgia in the SEC championship game on Saturday.')).toEqual([]);
    expect(agencyIn('The malware registers a DPC routine in the Windows kernel to hide its driver.')).toEqual(
      [],
    );
  });
});
