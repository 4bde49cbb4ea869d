/**
 * Least privilege per sender: which sender kinds may send each request (each message's `from` in
 * `RUNTIME_MESSAGES`), and the request as the background runs it for a content script (its own page, its own
 * site). Apart from `sender.ts` so a bundle that only checks who asks (a content script) carries no table.
 */
import { type Request, RUNTIME_MESSAGES } from './runtime';
import { senderHost } from './sender';
import type { SenderKind } from './table';

/** Whether `claimed` has the same origin as `senderUrl` (a single-page site's pushState stays within it). */
function sameOrigin(senderUrl: string, claimed: string): boolean {
  try {
    return new URL(claimed).origin === new URL(senderUrl).origin;
  } catch {
    return false;
  }
}

/** Which sender kinds may send each request type (each message's `from` in `RUNTIME_MESSAGES`). */
export const ALLOWED = allowedOf(RUNTIME_MESSAGES);

/** The table's senders by type (free of side effects: a bundle that never authorizes leaves it out). */
/* @__NO_SIDE_EFFECTS__ */
function allowedOf(
  messages: readonly { type: string; from: readonly SenderKind[] }[],
): Readonly<Record<Request['type'], readonly SenderKind[]>> {
  return Object.fromEntries(messages.map((m) => [m.type, m.from])) as Record<
    Request['type'],
    readonly SenderKind[]
  >;
}

/**
 * The request as the background should run it, or undefined when this sender may not send it. A content
 * script's page is the one the browser says it runs in: the URL of `incidents:for-page` and of a saved
 * incident is the sender's (or the location the message names when it has the sender's origin: a
 * single-page site's later article), and `incidents:tags` lists only the sender's site's tags.
 */
export function authorize(
  req: Request,
  kind: SenderKind,
  senderUrl: string | undefined,
): Request | undefined {
  if (!ALLOWED[req.type].includes(kind)) return undefined;
  if (kind !== 'content-script') return req;
  if (!senderUrl) return undefined;
  const own = (claimed: string) => (sameOrigin(senderUrl, claimed) ? claimed : senderUrl);
  if (req.type === 'incidents:for-page') return { type: 'incidents:for-page', url: own(req.url) };
  if (req.type === 'incidents:save') return { ...req, draft: { ...req.draft, url: own(req.draft.url) } };
  if (req.type === 'incidents:tags') return { type: 'incidents:tags', site: senderHost(senderUrl) };
  return req;
}
