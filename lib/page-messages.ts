/**
 * Messages to a page's content script (from the background's keyboard commands and from the popup), with
 * their shape checks. The content script answers only these, and only from its own extension.
 */
import { isEntityId } from './kb/entity-id';

/** One entity the page mentions, for the popup's page summary. */
export interface PageEntity {
  id: string;
  kind: 'actor' | 'agency';
  name: string;
  count: number;
}

/** What the popup learns about the tab. */
export interface PageSummary {
  status: 'active' | 'paused';
  /** The page's host name (`location.hostname`): the popup cannot see tab URLs, and pauses by site. */
  site?: string;
  entities: PageEntity[];
}

/** Requests a content script understands. */
export type PageRequest =
  | { type: 'page:navigate'; direction: 1 | -1 }
  | { type: 'page:summary' }
  | { type: 'page:reveal'; id: string };

/** Validates an untrusted message sent to a content script. */
export function parsePageRequest(msg: unknown): PageRequest | undefined {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'page:navigate':
      return m.direction === 1 || m.direction === -1
        ? { type: 'page:navigate', direction: m.direction }
        : undefined;
    case 'page:summary':
      return { type: 'page:summary' };
    case 'page:reveal':
      return isEntityId(m.id) ? { type: 'page:reveal', id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** Groups painted mentions into the page summary: by entity, with counts, in order of first appearance. */
export function summarize(
  mentions: readonly { id: string; kind: 'actor' | 'agency'; name: string }[],
): PageEntity[] {
  const byId = new Map<string, PageEntity>();
  for (const m of mentions) {
    const e = byId.get(m.id);
    if (e) e.count++;
    else byId.set(m.id, { id: m.id, kind: m.kind, name: m.name, count: 1 });
  }
  return [...byId.values()];
}
