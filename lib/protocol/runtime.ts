/**
 * Messages to the background (from content scripts, the popup and the dashboard). Each message is one
 * entry of `RUNTIME_MESSAGES`: its type, its fields' valibot schemas, its answer's type and who may send it.
 * The request types are inferred from the schemas and the answer map from the entries, so a message is
 * written once; the background answers only messages that pass `parseRequest` and come from a sender
 * `lib/protocol/authorize.ts` allows, through one handler per type (`lib/protocol/handlers.ts`).
 */
import * as v from 'valibot';
import type { ImportReport } from '../backup/file';
import { MAX_IMPORT_CHARS, MAX_IMPORT_RECORDS } from '../fields/import-file';
import { EntityIdSchema, text } from '../fields/schemas';
import type { Incident } from '../incidents/model';
import { DraftSchema, IncidentSchema } from '../incidents/schema';
import type { EntityCardData } from '../kb/card-data';
import type { OverlayImportReport } from '../overlay/import/report';
import { MAX_OVERLAY_ENTRIES } from '../overlay/model';
import type { OverlayWriteReport } from '../overlay/service';
import type { Settings } from '../settings';
import { SettingsChangeSchema } from '../settings-change';
import { type AnswerOf, answer, joinTables, message, variantOf } from './table';
import { TEAM_MESSAGES } from './team';

export type { EntityCardData } from '../kb/card-data';
export type { OverlayWriteReport } from '../overlay/service';

export type { SenderKind } from './table';

/** Most entities one page report carries (a page naming more reports its first ones). */
export const MAX_REPORTED_ENTITIES = 200;

/** Longest sentence a report carries, in characters (`firstSentence` cuts longer ones). */
export const MAX_SENTENCE_CHARS = 400;

const Ids = v.pipe(v.array(v.pipe(v.string(), v.uuid())), v.maxLength(MAX_IMPORT_RECORDS));
const ImportText = v.pipe(v.string(), v.maxLength(MAX_IMPORT_CHARS + 1));
const Address = v.pipe(v.string(), v.maxLength(4096));
const PAGES = ['extension-page'] as const;
const BOTH = ['extension-page', 'content-script'] as const;
const CONTENT = ['content-script'] as const;

/**
 * Every request the background understands. valibot drops unknown keys, so nothing extra reaches a store.
 * Least privilege per sender (`from`): a content script runs in a web page's renderer, which the page may
 * have compromised, so it may read an entity's card and the incidents saved from its own page, save a new
 * incident from its own page, read its own site's tags, get its own site's view of the settings and change
 * what its card offers (an entity's star, "not on this site" for its own site); nothing that changes or
 * removes what is stored, nothing of other sites, never the whole settings.
 */
export const RUNTIME_MESSAGES = joinTables(
  [
    /** The full card data of an entity, through the reader's overlay. */
    message('kb:entity', { id: EntityIdSchema }, answer<EntityCardData | null>(), BOTH),
    // The incidents store's one writer is the background.
    message('incidents:save', { draft: DraftSchema }, answer<Incident>(), BOTH),
    message('incidents:update', { incident: IncidentSchema }, answer<Incident>(), PAGES),
    message('incidents:delete', { ids: Ids }, answer<Incident[]>(), PAGES),
    message(
      'incidents:restore',
      { incidents: v.pipe(v.array(IncidentSchema), v.maxLength(MAX_IMPORT_RECORDS)) },
      answer<number>(),
      PAGES,
    ),
    message(
      'incidents:tag',
      { ids: Ids, tag: v.pipe(v.string(), v.trim(), v.minLength(1), text(100)) },
      answer<number>(),
      PAGES,
    ),
    /** Tags in use; `site` keeps those of one site's incidents (a content script gets only its own site's). */
    message(
      'incidents:tags',
      { site: v.optional(v.pipe(v.string(), v.maxLength(300))) },
      answer<string[]>(),
      BOTH,
    ),
    message('incidents:for-page', { url: Address }, answer<Incident[]>(), BOTH),
    // The backup file holds everything the reader has: only the dashboard reads or restores it
    // (`lib/backup/service.ts`). The whole file, always whole (incidents, watchlist, the reader's KB).
    message('backup:export', {}, answer<{ text: string; incidents: number }>(), PAGES),
    /** `apply: false` is the dry run; `apply: true` writes all or nothing across the three stores. */
    message('backup:import', { text: ImportText, apply: v.boolean() }, answer<ImportReport>(), PAGES),
    // The reader's own names change only from the dashboard: a page's renderer could otherwise plant names.
    message(
      'overlay:write',
      {
        // One batch, checked as a whole and written all or nothing. Entries are checked one by one by the
        // store, which names the entry and field of each problem.
        batch: v.object({
          put: v.optional(v.pipe(v.array(v.unknown()), v.maxLength(MAX_OVERLAY_ENTRIES))),
          remove: v.optional(
            v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(MAX_OVERLAY_ENTRIES)),
          ),
          replace: v.optional(v.boolean()),
          keepTimes: v.optional(v.boolean()),
        }),
      },
      answer<OverlayWriteReport>(),
      PAGES,
    ),
    /** A MISP galaxy or STIX bundle's text: `apply: false` is the dry run (the summary), `true` writes it. */
    message('overlay:import', { text: ImportText, apply: v.boolean() }, answer<OverlayImportReport>(), PAGES),
    /**
     * A content script's one report after it read its page: the entities it names with the first sentence
     * naming each, and the title (the URL is the sender's, never the message's).
     */
    message(
      'sightings:page',
      {
        title: v.pipe(v.string(), v.maxLength(500)),
        /** A new visit of the page (false: a resend after the watchlist changed). */
        visit: v.boolean(),
        entities: v.pipe(
          v.array(
            v.object({ id: EntityIdSchema, sentence: v.pipe(v.string(), v.maxLength(MAX_SENTENCE_CHARS)) }),
          ),
          v.maxLength(MAX_REPORTED_ENTITIES),
        ),
        /**
         * What the page says its address is (its location now, its canonical link): the background files the
         * page under it only when it belongs to the sender's own site (`lib/url/clean.ts`).
         */
        address: v.optional(v.object({ location: v.optional(Address), canonical: v.optional(Address) })),
      },
      answer<null>(),
      CONTENT,
    ),
    /** Removes every sighting. */
    message('sightings:clear', {}, answer<number>(), PAGES),
    // The settings' only reader and writer is the background: every change is applied inside its one write.
    message('settings:get', {}, answer<Settings>(), PAGES),
    /** A change as data, applied to the stored settings inside the write (`lib/settings-change.ts`). */
    message('settings:change', { change: SettingsChangeSchema }, answer<Settings>(), PAGES),
    /** Replaces the whole settings (a restore, a test's setup); any object, repaired by `normalizeSettings`. */
    message('settings:put', { settings: v.looseObject({}) }, answer<Settings>(), PAGES),
    /** A content script's own site's view (`pageView`). */
    message('settings:page', {}, answer<Settings>(), CONTENT),
    message('settings:watch', { id: EntityIdSchema, watched: v.boolean() }, answer<Settings>(), CONTENT),
    /** "Not this entity on this site", for the sender's own site. */
    message('settings:not-on-site', { id: EntityIdSchema }, answer<Settings>(), CONTENT),
  ] as const,
  // Team sharing (a TAXII 2.1 server the reader added): extension pages only.
  TEAM_MESSAGES,
);

type RuntimeMessage = (typeof RUNTIME_MESSAGES)[number];

const RequestSchema = variantOf(RUNTIME_MESSAGES);

/** Every request the background understands, as its schema outputs it. */
export type Request = v.InferOutput<typeof RequestSchema>;

/** The request of one type. */
export type RequestOf<K extends Request['type']> = Extract<Request, { type: K }>;

/** The background's answer to each request type. */
export type ResponseOf = {
  [M in RuntimeMessage as M['type']]: AnswerOf<M['answers']>;
};

/** Requests of the incidents store. */
export type IncidentRequest = RequestOf<Extract<Request['type'], `incidents:${string}`>>;
/** Requests of the backup file (export and import of everything the reader has). */
export type BackupRequest = RequestOf<Extract<Request['type'], `backup:${string}`>>;
/** Requests of the reader's own KB. */
export type OverlayRequest = RequestOf<Extract<Request['type'], `overlay:${string}`>>;
/** Requests of the sightings store. */
export type SightingsRequest = RequestOf<Extract<Request['type'], `sightings:${string}`>>;
/** Requests of team sharing. */
export type TeamRequest = RequestOf<Extract<Request['type'], `team:${string}`>>;
/** Requests of the settings store. */
export type SettingsRequest = RequestOf<Extract<Request['type'], `settings:${string}`>>;

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

/** Validates an untrusted message's shape; returns undefined for anything unexpected. */
export function parseRequest(msg: unknown): Request | undefined {
  const r = v.safeParse(RequestSchema, msg);
  return r.success ? r.output : undefined;
}
