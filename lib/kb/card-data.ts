import type { EntityCardData } from '../messages';
import { getEntity, loadKb } from './index';

/** Resolves everything a card shows for one id: the entity plus names of the agencies it refers to. */
export function cardDataFor(id: string): EntityCardData | null {
  const found = getEntity(id);
  if (!found) return null;
  const agencyNames: Record<string, string> = {};
  const nameOf = (agencyId: string | undefined) => {
    if (!agencyId) return;
    const a = getEntity(agencyId);
    if (a?.kind === 'agency') agencyNames[agencyId] = a.entity.name;
  };
  if (found.kind === 'actor') {
    nameOf(found.entity.sponsor?.agencyId);
    return { kind: 'actor', entity: found.entity, agencyNames };
  }
  nameOf(found.entity.parent);
  const sponsors = loadKb()
    .actors.filter((a) => a.sponsor?.agencyId === id)
    .map((a) => ({ id: a.id, name: a.name }));
  return { kind: 'agency', entity: found.entity, agencyNames, sponsors };
}
