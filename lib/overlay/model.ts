/**
 * The reader's own knowledge: entities their team tracks under its own names (`ours-…` ids) and extra
 * names for bundled entities. This is the overlay's contract, written once: the valibot schemas check
 * whatever arrives from outside (the dashboard editor, an import, a message, the user-data export), and the
 * types are inferred from them. The bundled KB is never changed: the overlay is merged over it when read.
 */
import * as v from 'valibot';
import { EntityIdSchema, TimestampSchema, text, webUrl } from '../fields/schemas';
import { OVERLAY_ID_PATTERN, OVERLAY_ID_PREFIX } from '../kb/entity-id';

/** The vendor of a name the reader's team coined itself. */
export const OURS = 'ours';

/** Most entries (entities plus extensions) the overlay holds: far above any team's list, below a hostile file. */
export const MAX_OVERLAY_ENTRIES = 5_000;
/** Most names one entry carries besides its canonical name. */
export const MAX_ALIASES = 100;
/** Most links one entry carries. */
export const MAX_LINKS = 50;
/** Longest name, in code points. */
export const MAX_NAME = 200;
/** Most names in the whole overlay (canonical names and aliases): the matcher's tables index rows in 16 bits. */
export const MAX_OVERLAY_NAMES = 20_000;
/** Most characters over all the overlay's names: the matcher's tree addresses its nodes in 16 bits. */
export const MAX_OVERLAY_NAME_CHARS = 60_000;

/** A name as the matcher can use it: trimmed, no line breaks or tabs (they end a name on a page). */
export const NameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.nonEmpty('an empty name'),
  v.regex(/^[^\t\n\r]*$/, 'a name on more than one line'),
  v.check((s) => /[\p{L}\p{N}]/u.test(s), 'a name with no letter or digit'),
  text(MAX_NAME),
);

/** One name of an entity and who coined it: a vendor ("Mandiant") or `ours`. */
export const OverlayAliasSchema = v.object({
  name: NameSchema,
  source: v.pipe(v.string(), v.trim(), v.nonEmpty('a name with no vendor (say "ours")'), text(100)),
  /**
   * The name came from a file (a galaxy, a bundle, an incidents file's KB), not typed by the reader: it gets
   * the risk class general text gives it (./name-risk.ts), as a bundled name would.
   */
  imported: v.optional(v.literal(true)),
});

/** An overlay entity's id: `ours-` and a slug. */
export const OverlayIdSchema = v.pipe(
  v.string(),
  v.regex(OVERLAY_ID_PATTERN, `not an overlay id (${OVERLAY_ID_PREFIX}lower-case-letters-digits-hyphens)`),
);

const aliases = v.pipe(v.array(OverlayAliasSchema), v.maxLength(MAX_ALIASES));
const links = v.pipe(v.array(webUrl(4096)), v.maxLength(MAX_LINKS));
const notes = text(20_000);

/** When an entry was made and last changed, and where it came from. */
const bookkeeping = {
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /**
   * Where the entry came from when it was imported ("MISP galaxy threat-actor", a file name); absent when typed.
   * An entity with an origin has a canonical name from a file, which gets its risk class (./name-risk.ts).
   */
  origin: v.optional(text(300)),
};

/** One of the reader's own actors or agencies. */
export const OverlayEntitySchema = v.object({
  id: OverlayIdSchema,
  kind: v.picklist(['actor', 'agency'], 'kind is neither actor nor agency'),
  name: NameSchema,
  /** Other names, the canonical one not repeated. */
  aliases,
  /** ISO 3166-1 alpha-2, upper case. */
  country: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'not an ISO 3166-1 alpha-2 code (e.g. CN)'))),
  /** For an actor: the agency said to sponsor it (a bundled agency id or an overlay agency's id). */
  sponsor: v.optional(EntityIdSchema),
  /** MITRE ATT&CK group id. */
  attackId: v.optional(v.pipe(v.string(), v.regex(/^G\d{4}$/, 'not an ATT&CK group id (G0001)'))),
  notes,
  links,
  ...bookkeeping,
});

/** Extra names (and notes) the reader adds to a bundled entity; one per bundled entity. */
export const OverlayExtensionSchema = v.object({
  /** The bundled entity's id (never an overlay id: those are edited directly). */
  extends: EntityIdSchema,
  aliases,
  notes,
  links,
  ...bookkeeping,
});

/** Either kind of overlay entry. */
export const OverlayEntrySchema = v.union([OverlayEntitySchema, OverlayExtensionSchema]);

/** The overlay as a whole, as the user-data export carries it (`overlay` field) and imports restore it. */
export const OverlayFileSchema = v.object({
  entities: v.pipe(v.array(OverlayEntitySchema), v.maxLength(MAX_OVERLAY_ENTRIES)),
  extensions: v.pipe(v.array(OverlayExtensionSchema), v.maxLength(MAX_OVERLAY_ENTRIES)),
});

/** One of the reader's own actors or agencies. */
export type OverlayEntity = v.InferOutput<typeof OverlayEntitySchema>;
/** Extra names for a bundled entity. */
export type OverlayExtension = v.InferOutput<typeof OverlayExtensionSchema>;
/** An entry of the overlay: an entity of its own or an extension of a bundled one. */
export type OverlayEntry = OverlayEntity | OverlayExtension;
/** One name and its vendor. */
export type OverlayAlias = v.InferOutput<typeof OverlayAliasSchema>;
/** The whole overlay. */
export type Overlay = v.InferOutput<typeof OverlayFileSchema>;

/** An empty overlay (a new install). */
export const EMPTY_OVERLAY: Overlay = { entities: [], extensions: [] };

/** Whether an entry extends a bundled entity (rather than being one of the reader's own). */
export function isExtension(entry: OverlayEntry): entry is OverlayExtension {
  return 'extends' in entry;
}

/** The key an entry is stored under: its own id, or the id of the bundled entity it extends. */
export function entryKey(entry: OverlayEntry): string {
  return isExtension(entry) ? entry.extends : entry.id;
}

/** Every name of an overlay entity, canonical first. */
export function namesOf(entity: Pick<OverlayEntity, 'name' | 'aliases'>): string[] {
  return [entity.name, ...entity.aliases.map((a) => a.name)];
}

/**
 * A fresh `ours-` id for a name: its letters and digits in lower case, hyphen-joined (diacritics dropped),
 * with a number added when `taken` already holds it. A name with no ASCII letter gets `ours-entity`.
 */
export function overlayIdFor(name: string, taken: (id: string) => boolean): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entity';
  const base = `${OVERLAY_ID_PREFIX}${slug}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}
