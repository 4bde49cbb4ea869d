/**
 * Messages to a page's content script (from the background's keyboard commands and context menu, and from
 * the popup), with their answers' types and shape checks. The content script answers only these, and only
 * from its own extension (`isExtensionSender`).
 */
import * as v from 'valibot';
import { EntityIdSchema } from '../incidents/schema';

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
  | { type: 'page:reveal'; id: string }
  /** Open the "Save as incident" form on the selection (context menu, Alt+Shift+S). */
  | { type: 'capture:open' };

/** The content script's answer to each request type (false: nothing to go to, or no form here). */
export interface PageResponseOf {
  'page:navigate': boolean;
  'page:summary': PageSummary;
  'page:reveal': boolean;
  'capture:open': boolean;
}

const PageRequestSchema = v.variant('type', [
  v.object({ type: v.literal('page:navigate'), direction: v.picklist([1, -1]) }),
  v.object({ type: v.literal('page:summary') }),
  v.object({ type: v.literal('page:reveal'), id: EntityIdSchema }),
  v.object({ type: v.literal('capture:open') }),
]);

/** Validates an untrusted message sent to a content script. */
export function parsePageRequest(msg: unknown): PageRequest | undefined {
  const r = v.safeParse(PageRequestSchema, msg);
  return r.success ? (r.output as PageRequest) : undefined;
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
