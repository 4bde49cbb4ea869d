/**
 * The background's handler table: one handler per runtime request type, typed so that each answers its own
 * request's answer type and a type without a handler fails to compile. Services in `lib/` each give the
 * entries of their own messages; `platform/background-services.ts` joins them into the table.
 */
import type { Request, RequestOf, ResponseOf } from './runtime';
import type { SenderInfo } from './sender';

/** Runs one authorized request of type `K` (the sender as the browser describes it). */
export type Handler<K extends Request['type']> = (
  req: RequestOf<K>,
  sender: SenderInfo,
) => Promise<ResponseOf[K]> | ResponseOf[K];

/** Handlers for the request types `K` (a service's part of the table). */
export type HandlerTable<K extends Request['type']> = { [P in K]: Handler<P> };

/** The whole table: a handler for every request type. */
export type Handlers = HandlerTable<Request['type']>;

/** Runs `req` with its handler in `table`; the answer's type follows from the request's. */
export async function dispatch<K extends Request['type'], R extends RequestOf<K>>(
  table: HandlerTable<K>,
  req: R,
  sender: SenderInfo = {},
): Promise<ResponseOf[R['type']]> {
  // TypeScript cannot tie `table[req.type]` to `req` for a union of types; the table's own type does.
  const handler = table[req.type as K] as unknown as Handler<R['type']>;
  return handler(req as unknown as RequestOf<R['type']>, sender);
}
