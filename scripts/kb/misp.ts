/** Stage 1: one draft per MISP threat-actor uuid, with vendor credits from name-attribution. */
import type { CountryLookup } from './countries';
import { addName, addRefs, type Draft, newDraft } from './drafts';
import { type MispValue, metaList } from './upstream';

const INCIDENT_MOTIVE: Record<string, string> = {
  Espionage: 'espionage',
  'Financial Theft': 'financial',
  Extortion: 'financial',
  'Business Email Compromise': 'financial',
  Sabotage: 'sabotage',
  'Denial of service': 'disruption',
  Defacement: 'hacktivism',
  'Information Operations': 'influence',
};

/** Maps producer uuids to the vendor names cards show. */
export function producerNames(producers: MispValue[], display: Record<string, string>): Map<string, string> {
  return new Map(producers.map((p) => [p.uuid, display[p.value] ?? p.value]));
}

/** Builds the drafts; MISP's own aliases come in with the vendor it states for them. */
export function draftsFromMisp(
  actors: MispValue[],
  producers: Map<string, string>,
  country: CountryLookup,
  display: Record<string, string>,
): Draft[] {
  return actors.map((a) => {
    const d = newDraft(a.uuid, a.value);
    d.mispUuid = a.uuid;
    const meta = a.meta ?? {};
    for (const attr of metaList(meta, 'name-attribution')) {
      const i = attr.lastIndexOf(':');
      const vendor = producers.get(attr.slice(i + 1));
      const name = attr.slice(0, i);
      if (/^G\d{4}$/.test(name)) d.gidHints.add(name);
      else addName(d, name, vendor);
    }
    for (const [k, v] of Object.entries(meta)) {
      if (k.startsWith('origin:') && typeof v === 'string') addName(d, k.slice(7), display[v] ?? v);
    }
    for (const s of metaList(meta, 'synonyms')) {
      if (/^G\d{4}$/.test(s)) d.gidHints.add(s);
      addName(d, s);
    }
    for (const r of metaList(meta, 'refs')) {
      const g = /attack\.mitre\.org\/groups\/(G\d{4})/.exec(r);
      if (g) d.gidHints.add(g[1]!);
    }
    addRefs(d, metaList(meta, 'refs'));
    const iso = metaList(meta, 'country')[0];
    if (iso && /^[A-Za-z]{2}$/.test(iso)) d.country = iso.toUpperCase();
    else {
      const sponsor = metaList(meta, 'cfr-suspected-state-sponsor').find((s) => s !== 'Unknown');
      if (sponsor) d.country = country(sponsor);
    }
    for (const t of metaList(meta, 'cfr-type-of-incident'))
      if (INCIDENT_MOTIVE[t]) d.motivation.add(INCIDENT_MOTIVE[t]);
    const since = metaList(meta, 'since')[0];
    if (since && /^\d{4}/.test(since)) d.firstSeen = since.slice(0, 10);
    d.related = (a.related ?? []).map((r) => ({ uuid: r['dest-uuid'], type: r.type }));
    return d;
  });
}
