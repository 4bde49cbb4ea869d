import kbFile from '../../data/kb/kb.json';
import type { Actor, Agency, KnowledgeBase } from './types';

let byId: Map<string, Actor | Agency> | undefined;

/** The whole compiled KB; bundled into the background, popup, dashboard and CLI, not the content script. */
export function loadKb(): KnowledgeBase {
  return kbFile as KnowledgeBase;
}

/** Looks an actor or agency up by id, or by a former id (a merged actor's, an agency's too long one), built once, then O(1). */
export function getEntity(
  id: string,
): { kind: 'actor'; entity: Actor } | { kind: 'agency'; entity: Agency } | undefined {
  if (!byId) {
    const kb = loadKb();
    byId = new Map<string, Actor | Agency>();
    for (const a of kb.actors) {
      byId.set(a.id, a);
      for (const f of a.formerIds ?? []) byId.set(f, a);
    }
    for (const g of kb.agencies) {
      byId.set(g.id, g);
      if (g.formerId) byId.set(g.formerId, g);
    }
  }
  const e = byId.get(id);
  if (!e) return undefined;
  return 'aliases' in e ? { kind: 'actor', entity: e } : { kind: 'agency', entity: e };
}
