/**
 * The background's side of the overlay: the one writer of its store, the holder of the lookup cards use,
 * and the builder of the matcher tabs load (once per change, never per page).
 */
import type { OverlayWriteReport } from '../protocol/runtime';
import { type OverlayDb, readOverlay } from './db';
import { OverlayLookup } from './lookup';
import { buildOverlayMatcher, type OverlayMatcherFile, overlayNameRows } from './matcher';
import type { Overlay } from './model';
import { type OverlayBatch, writeOverlay } from './store';
import { bundledIndex } from './validate';

/** The browser pieces the service needs, passed in so tests can supply fakes. */
export interface OverlayServiceDeps {
  open(): Promise<OverlayDb>;
  /** Stores the matcher for every tab (null: no names). */
  publish(file: OverlayMatcherFile | null): Promise<void>;
  /** Tells open extension pages the overlay changed. */
  announce(): void;
  now(): string;
}

/** The compiled matcher for an overlay, or null when it has no names. */
export function matcherFileFor(overlay: Overlay): OverlayMatcherFile | null {
  const rows = overlayNameRows(overlay, (id) => bundledIndex().facts(id));
  return rows.length ? buildOverlayMatcher(rows) : null;
}

/** The overlay as the background serves it. */
export class OverlayService {
  private lookupPromise: Promise<OverlayLookup> | undefined;

  constructor(private readonly deps: OverlayServiceDeps) {}

  /** The bundled KB with the reader's overlay over it (read once, then kept until a write). */
  lookup(): Promise<OverlayLookup> {
    this.lookupPromise ??= this.deps
      .open()
      .then(readOverlay)
      .then(({ overlay }) => new OverlayLookup(overlay))
      .catch((e: unknown) => {
        this.lookupPromise = undefined;
        throw e;
      });
    return this.lookupPromise;
  }

  /** Writes one batch all or nothing; on success rebuilds the tabs' matcher and tells the pages. */
  async write(batch: OverlayBatch): Promise<OverlayWriteReport> {
    const r = await writeOverlay(await this.deps.open(), batch, this.deps.now());
    if (!r.ok) return r;
    this.lookupPromise = Promise.resolve(new OverlayLookup(r.overlay));
    await this.deps.publish(matcherFileFor(r.overlay));
    this.deps.announce();
    return { ok: true, added: r.added, updated: r.updated, removed: r.removed };
  }

  /** Builds and stores the matcher from what is stored (after an install or update changed its format). */
  async republish(): Promise<void> {
    await this.deps.publish(matcherFileFor((await this.lookup()).overlay));
  }
}
