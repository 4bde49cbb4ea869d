/**
 * The incident contract, written once: this valibot schema checks what arrives from outside (an import, a
 * message), the `Incident` type is inferred from it, and the backup file's JSON Schema
 * (`docs/incidents.schema.json`, `npm run schema`) is generated from it through `lib/backup/file.ts`.
 * Unknown keys are dropped, so `__proto__`/`constructor` keys never reach a stored object; every string has a
 * length limit, in code points as JSON Schema counts, so a hostile file cannot fill the store with one record.
 * The fields are built from the shared kit in `lib/fields/`.
 */
import * as v from 'valibot';
import { siteOf } from '../fields/formats';
import {
  CalendarDateSchema,
  EntityIdSchema,
  reasonOf,
  TimestampSchema,
  text,
  UuidSchema,
  webUrl,
} from '../fields/schemas';

const quote = v.pipe(
  v.object({ exact: text(10_000), prefix: text(500), suffix: text(500) }),
  v.description('A W3C Web Annotation TextQuoteSelector: the passage and the text around it.'),
);
const attribution = v.object({
  claimant: v.pipe(text(500), v.description('Who attributed it, e.g. Czech government.')),
  confidence: v.pipe(text(200), v.description('Their words, e.g. a high degree of certainty.')),
});

/** What a claim says: who did the incident, whom a group works for, or whom a government sanctioned. */
export const CLAIM_KINDS = ['incident', 'sponsor-link', 'sanction'] as const;

/** One claimant of a claim, with what the KB or the country list recognised it as. */
const claimant = v.object({
  name: v.pipe(text(500), v.description('As the text names them, e.g. Czech government, NÚKIB.')),
  agencyId: v.optional(
    v.pipe(EntityIdSchema, v.description('The knowledge-base agency it resolved to, e.g. cz-nukib.')),
  ),
  country: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[A-Z]{2}$/, 'not an ISO 3166-1 alpha-2 country code'),
      v.description('ISO 3166-1 alpha-2 code of the claimant’s country, e.g. CZ.'),
    ),
  ),
});

/**
 * Who accused whom, of what, in which words: one claim read from the passage's sentences (and edited by the
 * reader). The claim of kind `incident` names the incident's accuser; the others are claims the passage
 * reports besides (an older sponsor link, a sanction).
 */
const claim = v.object({
  kind: v.pipe(
    v.picklist(CLAIM_KINDS),
    v.description(
      'incident: who did this incident; sponsor-link: whom the group works for; sanction: who was sanctioned.',
    ),
  ),
  claimants: v.pipe(
    v.array(claimant),
    v.maxLength(20),
    v.description('Who makes the claim: one or several governments, agencies or companies.'),
  ),
  accusedId: v.optional(
    v.pipe(EntityIdSchema, v.description('The knowledge-base actor accused, e.g. apt31.')),
  ),
  accusedName: v.pipe(text(500), v.description('The accused as the text names them.')),
  sponsorId: v.optional(
    v.pipe(
      EntityIdSchema,
      v.description('For a sponsor link: the knowledge-base agency the group is tied to, e.g. cn-mss.'),
    ),
  ),
  confidence: v.pipe(text(200), v.description('Their words of certainty, e.g. a high degree of certainty.')),
  date: v.optional(
    v.pipe(CalendarDateSchema, v.description('When the claim was made, where the text says.')),
  ),
  sentence: v.pipe(text(2000), v.description('The sentence that makes the claim, as quoted.')),
});

/** Fields the reader writes (capture form, dashboard edit). */
const draftEntries = {
  title: text(500),
  url: v.pipe(webUrl(4096), v.description('The page the passage was saved from.')),
  pageTitle: text(1000),
  quote,
  actorIds: v.pipe(
    v.array(EntityIdSchema),
    v.maxLength(200),
    v.description('Knowledge-base actor ids, e.g. apt31.'),
  ),
  agencyIds: v.pipe(
    v.array(EntityIdSchema),
    v.maxLength(200),
    v.description('Knowledge-base agency ids, e.g. cn-mss.'),
  ),
  tags: v.pipe(v.array(v.pipe(text(100), v.nonEmpty('an empty tag'))), v.maxLength(100)),
  notes: text(20_000),
  occurredAt: v.optional(
    v.pipe(
      v.union([CalendarDateSchema, TimestampSchema], 'not a date (YYYY-MM-DD) or an RFC 3339 date-time'),
      v.description('When it happened: a date (YYYY-MM-DD) or a date-time.'),
    ),
  ),
  attribution: v.optional(attribution),
  claims: v.optional(
    v.pipe(
      v.array(claim),
      v.maxLength(50),
      v.description(
        'The claims the passage makes, the incident’s own (kind incident) first; absent in incidents saved before claims were read.',
      ),
    ),
  ),
};

/** An incident draft from the capture form. */
export const DraftSchema = v.object(draftEntries);

/** A whole stored incident, as exported. */
export const IncidentSchema = v.object({
  id: v.pipe(
    UuidSchema,
    v.description('Same id in two files = same incident; the newer updatedAt wins on import.'),
  ),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  site: v.pipe(text(300), v.description("The URL's host name.")),
  ...draftEntries,
});

/** A saved passage about a cyber incident, tagged by the reader. */
export type Incident = v.InferOutput<typeof IncidentSchema>;

/** What the capture form sends: an incident before the background gives it an id and timestamps. */
export type IncidentDraft = v.InferOutput<typeof DraftSchema>;

/** Checks one incident from outside (its `site` recomputed); undefined plus a reason when it does not fit. */
export function checkIncident(raw: unknown): { incident: Incident } | { reason: string } {
  const r = v.safeParse(IncidentSchema, raw);
  // `site` indexes the store and says where an incident is from: it comes from the URL, never from the file.
  return r.success
    ? { incident: { ...r.output, site: siteOf(r.output.url) } }
    : { reason: reasonOf(r.issues) };
}
