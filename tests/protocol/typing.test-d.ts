/**
 * Type-level tests of the message protocol, compiled by `npm run typecheck` (tsconfig includes tests/) and
 * never run: each `@ts-expect-error` line must meet a compile error, so a misspelt message type, a missing
 * field, a wrong answer type or a handler table without a handler would make the typecheck fail.
 */
import { expectTypeOf } from 'vitest';
import type { Incident } from '../../lib/incidents/model';
import type { EntityCardData } from '../../lib/kb/card-data';
import type { Handler, Handlers, PageSummary, Request, ResponseOf } from '../../lib/protocol';
import type { Settings } from '../../lib/settings';
import { askTab, send } from '../../platform/messaging';
import { updateSettings } from '../../platform/settings';

/** Wrapped in a function nobody calls: only its types matter. */
export function protocolTypes(): void {
  // The answer's type follows from the request's type.
  expectTypeOf(send({ type: 'kb:entity', id: 'apt31' })).resolves.toEqualTypeOf<EntityCardData | null>();
  expectTypeOf(send({ type: 'sightings:clear' })).resolves.toEqualTypeOf<number>();
  expectTypeOf(send({ type: 'incidents:for-page', url: 'https://news.example/' })).resolves.toEqualTypeOf<
    Incident[]
  >();
  expectTypeOf(send({ type: 'settings:page' })).resolves.toEqualTypeOf<Settings>();
  expectTypeOf(askTab(1, { type: 'page:summary' })).resolves.toEqualTypeOf<PageSummary>();
  expectTypeOf(askTab(1, { type: 'capture:open' }, 0)).resolves.toEqualTypeOf<boolean>();

  // @ts-expect-error a misspelt message type
  void send({ type: 'kb:entiy', id: 'apt31' });
  // @ts-expect-error a misspelt page message type
  void askTab(1, { type: 'page:sumary' });
  // @ts-expect-error a missing field
  void send({ type: 'kb:entity' });
  // @ts-expect-error a field of the wrong type
  void send({ type: 'incidents:import', text: '{}', apply: 'yes' });
  // @ts-expect-error a wrong answer type
  expectTypeOf(send({ type: 'sightings:clear' })).resolves.toEqualTypeOf<string>();
  // @ts-expect-error a wrong page answer type
  expectTypeOf(askTab(1, { type: 'page:navigate', direction: 1 })).resolves.toEqualTypeOf<PageSummary>();
  // @ts-expect-error a settings change the background does not know
  void updateSettings({ op: 'set', values: { style: 'neon' } });
}

/** The handler table: each handler answers its own type, and every type has one. */
export function handlerTypes(all: Handlers): void {
  expectTypeOf<Handler<'sightings:clear'>>().returns.toEqualTypeOf<Promise<number> | number>();
  expectTypeOf<ResponseOf[Request['type']]>().not.toBeAny();
  // @ts-expect-error a handler answering the wrong type
  const wrong: Handler<'sightings:clear'> = async () => 'all of them';
  // @ts-expect-error a table without the `kb:entity` handler
  const missing: Handlers = { ...all, 'kb:entity': undefined };
  void [wrong, missing];
}
