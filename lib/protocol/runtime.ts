/**
 * Messages to the background (from content scripts, the popup and the dashboard): each type, its answer's
 * type and its valibot shape check. The background answers only messages that pass `parseRequest` and
 * come from a sender `lib/protocol/sender.ts` allows.
 */
import * as v from 'valibot';
import type { Incident } from '../incidents/model';
import {
  DraftSchema,
  EntityIdSchema,
  type ImportReport,
  IncidentSchema,
  MAX_IMPORT_CHARS,
  MAX_IMPORT_RECORDS,
  text,
} from '../incidents/schema';
import type { EntityCardData } from '../kb/card-data';
import type { OverlayImportReport } from '../overlay/import/report';
import { MAX_OVERLAY_ENTRIES } from '../overlay/model';
import type { OverlayBatch } from '../overlay/store';
import type { OverlayProblem } from '../overlay/validate';
import type { Settings } from '../settings';
import { TEAM_REQUEST_SCHEMAS, type TeamRequest, type TeamResponseOf } from './team';

export type { EntityCardData } from '../kb/card-data';

/** Content script or extension page → background: the full card data of an entity. */
export interface EntityRequest {
  type: 'kb:entity';
  id: string;
}

/**
 * Incident requests (capture form, dashboard) → background, the only writer of the incidents store.
 * `incidents:import` with `apply: false` is the dry run; with `apply: true` it writes all or nothing.
 */
export type IncidentRequest =
  | { type: 'incidents:save'; draft: v.InferOutput<typeof DraftSchema> }
  | { type: 'incidents:update'; incident: Incident }
  | { type: 'incidents:delete'; ids: string[] }
  | { type: 'incidents:restore'; incidents: Incident[] }
  | { type: 'incidents:tag'; ids: string[]; tag: string }
  /** Tags in use; `site` keeps those of one site's incidents (a content script gets only its own site's). */
  | { type: 'incidents:tags'; site?: string }
  | { type: 'incidents:for-page'; url: string }
  | { type: 'incidents:import'; text: string; apply: boolean };

/**
 * Overlay requests (the dashboard's "Your KB") → background, the only writer of the overlay store: one
 * batch, checked as a whole and written all or nothing.
 */
export type OverlayRequest =
  | { type: 'overlay:write'; batch: OverlayBatch }
  /** A MISP galaxy or STIX bundle's text: `apply: false` is the dry run (the summary), `true` writes it. */
  | { type: 'overlay:import'; text: string; apply: boolean };

/** What an overlay write answers: the counts, or every reason it was refused (nothing was written). */
export type OverlayWriteReport =
  | { ok: true; added: number; updated: number; removed: number }
  | { ok: false; problems: OverlayProblem[] };

/** Most entities one page report carries (a page naming more reports its first ones). */
export const MAX_REPORTED_ENTITIES = 200;

/** Longest sentence a report carries, in characters (`firstSentence` cuts longer ones). */
export const MAX_SENTENCE_CHARS = 400;

/**
 * Sightings requests. `sightings:page` is a content script's one report after it read its page: the
 * entities it names with the first sentence naming each, and the title (the URL is the sender's, never
 * the message's). `sightings:clear` (extension pages) removes every sighting.
 */
export type SightingsRequest =
  | {
      type: 'sightings:page';
      title: string;
      /** A new visit of the page (false: a resend after the watchlist changed). */
      visit: boolean;
      entities: { id: string; sentence: string }[];
      /**
       * What the page says its address is (its location now, its canonical link): the background files the
       * page under it only when it belongs to the sender's own site (`lib/url/clean.ts`).
       */
      address?: { location?: string; canonical?: string };
    }
  | { type: 'sightings:clear' };

/**
 * Settings requests → background, the only reader and writer of the settings store. Extension pages get
 * and replace the whole settings; a content script gets its own site's view (`pageView`) and changes only
 * what its card offers: the star of one entity, and "not this entity on this site" for the sender's site.
 */
export type SettingsRequest =
  | { type: 'settings:get' }
  | { type: 'settings:put'; settings: Settings }
  | { type: 'settings:page' }
  | { type: 'settings:watch'; id: string; watched: boolean }
  | { type: 'settings:not-on-site'; id: string };

/**
 * Background → every frame of every tab, after any settings change: "ask again". It carries nothing, so
 * a frame learns only its own site's view, through `settings:page`.
 */
export const SETTINGS_CHANGED = { type: 'settings:changed' } as const;

/** Whether a message is the `SETTINGS_CHANGED` notice. */
export function isSettingsChanged(msg: unknown): boolean {
  return (
    typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === SETTINGS_CHANGED.type
  );
}

/** Every request the background understands. */
export type Request =
  | EntityRequest
  | IncidentRequest
  | OverlayRequest
  | SightingsRequest
  | SettingsRequest
  | TeamRequest;

/** The background's answer to each request type. */
export interface ResponseOf extends TeamResponseOf {
  'kb:entity': EntityCardData | null;
  'incidents:save': Incident;
  'incidents:update': Incident;
  'incidents:delete': Incident[];
  'incidents:restore': number;
  'incidents:tag': number;
  'incidents:tags': string[];
  'incidents:for-page': Incident[];
  'incidents:import': ImportReport;
  'overlay:write': OverlayWriteReport;
  'overlay:import': OverlayImportReport;
  'sightings:page': null;
  'sightings:clear': number;
  'settings:get': Settings;
  'settings:put': Settings;
  'settings:page': Settings;
  'settings:watch': Settings;
  'settings:not-on-site': Settings;
}

const Ids = v.pipe(v.array(v.pipe(v.string(), v.uuid())), v.maxLength(MAX_IMPORT_RECORDS));

/** Shapes of every request; valibot drops unknown keys, so nothing extra reaches the store. */
const RequestSchema = v.variant('type', [
  v.object({ type: v.literal('kb:entity'), id: EntityIdSchema }),
  v.object({ type: v.literal('incidents:save'), draft: DraftSchema }),
  v.object({ type: v.literal('incidents:update'), incident: IncidentSchema }),
  v.object({ type: v.literal('incidents:delete'), ids: Ids }),
  v.object({
    type: v.literal('incidents:restore'),
    incidents: v.pipe(v.array(IncidentSchema), v.maxLength(MAX_IMPORT_RECORDS)),
  }),
  v.object({
    type: v.literal('incidents:tag'),
    ids: Ids,
    tag: v.pipe(v.string(), v.trim(), v.minLength(1), text(100)),
  }),
  v.object({ type: v.literal('incidents:tags'), site: v.optional(v.pipe(v.string(), v.maxLength(300))) }),
  v.object({ type: v.literal('incidents:for-page'), url: v.pipe(v.string(), v.maxLength(4096)) }),
  v.object({
    type: v.literal('sightings:page'),
    title: v.pipe(v.string(), v.maxLength(500)),
    visit: v.boolean(),
    entities: v.pipe(
      v.array(
        v.object({
          id: EntityIdSchema,
          sentence: v.pipe(v.string(), v.maxLength(MAX_SENTENCE_CHARS)),
        }),
      ),
      v.maxLength(MAX_REPORTED_ENTITIES),
    ),
    address: v.optional(
      v.object({
        location: v.optional(v.pipe(v.string(), v.maxLength(4096))),
        canonical: v.optional(v.pipe(v.string(), v.maxLength(4096))),
      }),
    ),
  }),
  v.object({ type: v.literal('sightings:clear') }),
  v.object({ type: v.literal('settings:get') }),
  // Any object: `normalizeSettings` repairs it into valid settings before it is stored.
  v.object({ type: v.literal('settings:put'), settings: v.looseObject({}) }),
  v.object({ type: v.literal('settings:page') }),
  v.object({ type: v.literal('settings:watch'), id: EntityIdSchema, watched: v.boolean() }),
  v.object({ type: v.literal('settings:not-on-site'), id: EntityIdSchema }),
  v.object({
    type: v.literal('incidents:import'),
    text: v.pipe(v.string(), v.maxLength(MAX_IMPORT_CHARS + 1)),
    apply: v.boolean(),
  }),
  v.object({
    type: v.literal('overlay:write'),
    // Entries are checked one by one by the store, which names the entry and field of each problem.
    batch: v.object({
      put: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_OVERLAY_ENTRIES))),
      remove: v.optional(
        v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(MAX_OVERLAY_ENTRIES)),
      ),
      replace: v.optional(v.boolean()),
      keepTimes: v.optional(v.boolean()),
    }),
  }),
  v.object({
    type: v.literal('overlay:import'),
    text: v.pipe(v.string(), v.maxLength(MAX_IMPORT_CHARS + 1)),
    apply: v.boolean(),
  }),
  ...TEAM_REQUEST_SCHEMAS,
]);

/** Whether a request is for the settings store. */
export function isSettingsRequest(req: Request): req is SettingsRequest {
  return req.type.startsWith('settings:');
}

/** Whether a request is for the incidents store (the background's incident handler takes only these). */
export function isIncidentRequest(req: Request): req is IncidentRequest {
  return req.type.startsWith('incidents:');
}

/** Validates an untrusted message's shape; returns undefined for anything unexpected. */
export function parseRequest(msg: unknown): Request | undefined {
  const r = v.safeParse(RequestSchema, msg);
  return r.success ? (r.output as Request) : undefined;
}
