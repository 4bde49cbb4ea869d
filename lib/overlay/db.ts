/**
 * The overlay's own IndexedDB database (`apt-lens-overlay`), apart from the incidents database so neither
 * migration waits on the other. The background is its only writer; extension pages may read it directly.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import * as v from 'valibot';
import {
  type Overlay,
  type OverlayEntity,
  OverlayEntitySchema,
  type OverlayExtension,
  OverlayExtensionSchema,
} from './model';

/** The database's name on the extension's origin. */
export const OVERLAY_DB_NAME = 'apt-lens-overlay';

/** BroadcastChannel on which the background announces every overlay write (dashboard, popup refresh). */
export const OVERLAY_CHANNEL = 'apt-lens-overlay';

/**
 * Current schema version; `upgrade` migrates every older one step by step.
 * v1: `entities` (the reader's own actors and agencies, by id) and `extensions` (extra names for bundled
 *     entities, by the bundled id they extend).
 */
export const OVERLAY_DB_VERSION = 1;

/** The schema as idb's typed view of it. */
export interface OverlaySchema extends DBSchema {
  entities: { key: string; value: OverlayEntity };
  extensions: { key: string; value: OverlayExtension };
}

/** The typed handle every overlay store function takes. */
export type OverlayDb = IDBPDatabase<OverlaySchema>;

/** Opens (creating or migrating) the overlay database; `name` is a seam for tests. */
export function openOverlayDb(name = OVERLAY_DB_NAME): Promise<OverlayDb> {
  return openDB<OverlaySchema>(name, OVERLAY_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('entities', { keyPath: 'id' });
        db.createObjectStore('extensions', { keyPath: 'extends' });
      }
    },
    // A newer version opening elsewhere (the background after an update) must not wait on this old page.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** A stored record the current contract refuses (kept as it is; shown, never silently used or dropped). */
export interface OverlayMisfit {
  store: 'entities' | 'extensions';
  key: string;
  reason: string;
}

/**
 * The whole overlay as stored, every record checked against the contract: one that no longer fits (written
 * by an older build, edited by hand) is left out of what is used and listed in `misfits`.
 */
export async function readOverlay(db: OverlayDb): Promise<{ overlay: Overlay; misfits: OverlayMisfit[] }> {
  const tx = db.transaction(['entities', 'extensions']);
  const [entities, extensions] = await Promise.all([
    tx.objectStore('entities').getAll(),
    tx.objectStore('extensions').getAll(),
  ]);
  await tx.done;
  const misfits: OverlayMisfit[] = [];
  const keep = <T>(store: OverlayMisfit['store'], schema: v.GenericSchema<unknown, T>, raw: unknown[]): T[] =>
    raw.flatMap((r) => {
      const p = v.safeParse(schema, r);
      if (p.success) return [p.output];
      const key = (r as Record<string, unknown>)?.[store === 'entities' ? 'id' : 'extends'];
      misfits.push({ store, key: String(key), reason: p.issues[0]?.message ?? 'invalid' });
      return [];
    });
  return {
    overlay: {
      entities: keep('entities', OverlayEntitySchema, entities),
      extensions: keep('extensions', OverlayExtensionSchema, extensions),
    },
    misfits,
  };
}
