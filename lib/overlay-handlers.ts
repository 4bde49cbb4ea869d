/**
 * The background's handlers of the reader's own KB: entity cards (through the overlay), batch writes from
 * "Your KB" and file imports, all through the overlay service, the one writer of its store. It sits above
 * `lib/protocol/` (whose request types it takes), beside `lib/incidents-service.ts`.
 */
import { importIntoOverlay } from './overlay/import/service';
import { OverlayLookup } from './overlay/lookup';
import type { OverlayService } from './overlay/service';
import type { HandlerTable } from './protocol/handlers';
import type { OverlayRequest } from './protocol/runtime';

/** The `kb:entity` and overlay messages' handlers. */
export function overlayHandlers(overlay: OverlayService): HandlerTable<'kb:entity' | OverlayRequest['type']> {
  return {
    // A card resolves through the reader's overlay (its own entities, its added names); the KB alone if unreadable.
    'kb:entity': async (req) => (await overlay.lookup().catch(() => new OverlayLookup())).card(req.id),
    'overlay:write': (req) => overlay.write(req.batch),
    'overlay:import': (req) => importIntoOverlay(overlay, req.text, req.apply),
  };
}
