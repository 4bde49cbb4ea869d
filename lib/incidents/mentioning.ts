/** The popup's detail view asks: how many saved incidents name this actor or agency, and which are latest. */
import type { IncidentsDb } from './db';
import type { Incident } from './model';

/** A count and the newest few incidents, enough for a card's footer. */
export interface Mentioning {
  count: number;
  latest: Incident[];
}

/** Reads through the actorIds or agencyIds index, so it never loads unrelated incidents. */
export async function incidentsMentioning(
  db: IncidentsDb,
  kind: 'actor' | 'agency',
  id: string,
  latest = 3,
): Promise<Mentioning> {
  const all = await db.getAllFromIndex('incidents', kind === 'actor' ? 'actorIds' : 'agencyIds', id);
  all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { count: all.length, latest: all.slice(0, latest) };
}
