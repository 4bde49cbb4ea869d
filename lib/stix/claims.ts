/**
 * A claim of attribution in STIX 2.1: who said it (the claimant, an `identity`), whom they accused (the
 * actors' `intrusion-set`s), how sure they said they were (their words, and a 0–100 `confidence`), when, and
 * where it was read (the article). The claim is a `note` authored by the claimant (`created_by_ref`) that
 * refers to the incident's report and to the accused; a claim that an actor works for an agency is also an
 * `attributed-to` relationship from the actor to that agency as sponsor, authored by the claimant. Both are
 * objects OpenCTI and MISP import; docs/stix.md says why this form and not another.
 */
import { type StixGraph, type StixObject, stixTime, uuidV5 } from './objects';

/** What a claim says: the incident's attribution, an actor's sponsor, or a sanction. */
export type ClaimKind = 'incident' | 'sponsor-link' | 'sanction';

/** One claimant: a name as written, and the KB agency and country when they are known. */
export interface StixClaimant {
  name: string;
  agencyId?: string;
  /** ISO 3166-1 alpha-2, added to the name so two countries' claimants are never merged. */
  country?: string;
}

/** One claim, in the form the STIX export writes it (the incidents export adapts its records to this). */
export interface StixClaim {
  kind: ClaimKind;
  /** Who made it; several bodies may make one claim together. */
  claimants: StixClaimant[];
  /** KB actor ids it accuses. */
  accused: string[];
  /** Accused the KB does not know, by the name the text gives (an intrusion set of that name each). */
  accusedNames?: string[];
  /** KB agency ids it names as behind the accused (a sponsor link or a sanction). */
  agencies: string[];
  /** The claimant's words of certainty ("a high degree of certainty"); '' when they gave none. */
  confidence: string;
  /** When the claim was made: YYYY-MM-DD or an RFC 3339 date-time. */
  date?: string;
  /** The sentence or passage that makes the claim. */
  words: string;
}

/** Where the claim sits: its incident's report, the article, its stamps, and a stable name for its ids. */
export interface ClaimContext {
  /** Name for deterministic ids: the same claim of the same incident keeps its id across exports. */
  key: string;
  reportId: string;
  /** The article as an external reference. */
  article: Record<string, string>;
  /** The incident's `createdAt` and `updatedAt`. */
  created: string;
  modified: string;
}

/**
 * Words of certainty as a STIX confidence (0–100), on the scales of STIX 2.1 Appendix A: the DNI scale for
 * estimative words ("almost certainly" 95, "very likely" 85, "likely" 70, "roughly even chance" 50,
 * "unlikely" 30, "very unlikely" 15) and the None/Low/Med/High scale (high 85, moderate 50, low 15).
 * Undefined when the words say nothing the scales know.
 */
export function confidenceScore(words: string): number | undefined {
  const w = words.toLowerCase();
  if (!w.trim()) return undefined;
  // Order matters: "a high degree of certainty" is high (85), not certain; "unlikely" is not "likely".
  const scale: [RegExp, number][] = [
    [/\b(?:very unlikely|highly unlikely|almost certainly not|remote chance)\b/, 15],
    [/\b(?:unlikely|improbable|probably not)\b/, 30],
    [/\bvery high\b/, 95],
    [/\b(?:high|strong)\b/, 85],
    [/\b(?:moderate|medium)\b/, 50],
    [/\blow\b/, 15],
    [/\b(?:almost certain(?:ly)?|confirmed|certain(?:ly|ty)?|beyond (?:any )?doubt|no doubt)\b/, 95],
    [/\b(?:very likely|highly likely|highly probable)\b/, 85],
    [/\b(?:likely|probabl[ey])\b/, 70],
    [/\b(?:even chance|plausible)\b/, 50],
    [/\b(?:suspected|possibl[ey])\b/, 15],
  ];
  for (const [re, n] of scale) if (re.test(w)) return n;
  return undefined;
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The claim in one line, for the note's `abstract`. */
function abstractOf(kind: ClaimKind, who: string, accused: string, agencies: string): string {
  if (kind === 'sponsor-link') return `${who}: ${accused || 'the actor'} works for ${agencies || 'a state'}`;
  if (kind === 'sanction')
    return `${who}: sanctions against ${[accused, agencies].filter(Boolean).join(', ')}`;
  return `${who}: the incident is the work of ${accused || 'an actor not named'}`;
}

/**
 * Adds one claim to the graph: its claimants, the accused, a `note` authored by the first claimant, and for
 * a sponsor link an `attributed-to` relationship per accused actor and agency; returns the ids the incident's
 * report should list (the claimants: the note refers to the report, not the other way round).
 */
export function addClaim(graph: StixGraph, claim: StixClaim, ctx: ClaimContext): string[] {
  const claimants = claim.claimants.map((c) => graph.claimant(c.name, c.agencyId, c.country));
  if (claimants.length === 0) return [];
  // An accused the KB does not know gets an id from its name, so the same name is one object everywhere:
  // an intrusion set for an attribution, an organisation for a sanction (a company, a unit, a person's firm).
  const names = claim.accusedNames ?? [];
  const accusedIds = [
    ...claim.accused,
    ...names.map((n) => `named:${n.replace(/\s+/g, ' ').trim().toLowerCase()}`),
  ];
  const accused = [
    ...claim.accused.map((a) => graph.intrusionSet(a)),
    ...names.map((n, i) =>
      claim.kind === 'sanction'
        ? graph.claimant(n)
        : graph.intrusionSet(accusedIds[claim.accused.length + i]!, n),
    ),
  ];
  const sponsors = claim.agencies.map((a) =>
    claim.kind === 'sponsor-link' ? graph.sponsor(a) : graph.identity(a),
  );
  const score = confidenceScore(claim.confidence);
  const stamps = { spec_version: '2.1', created: stixTime(ctx.created), modified: stixTime(ctx.modified) };
  const said = [
    claim.words.trim(),
    claim.confidence ? `Certainty, in their words: “${claim.confidence}”.` : '',
    claim.date ? `Claimed on ${claim.date.slice(0, 10)}.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const who = listed(claimants.map((id) => graph.nameOf(id)));
  graph.add({
    type: 'note',
    id: `note--${uuidV5(`apt-lens:claim:${ctx.key}`)}`,
    ...stamps,
    created_by_ref: claimants[0]!,
    abstract: abstractOf(
      claim.kind,
      who,
      listed(accused.map((id) => graph.nameOf(id))),
      listed(sponsors.map((id) => graph.nameOf(id))),
    ),
    content: said || abstractOf(claim.kind, who, '', ''),
    ...(score === undefined ? {} : { confidence: score }),
    labels: [`${claim.kind}-claim`],
    object_refs: [ctx.reportId, ...accused, ...sponsors, ...claimants],
    external_references: [ctx.article],
  } satisfies StixObject);
  if (claim.kind === 'sponsor-link') {
    for (const [i, actor] of accused.entries()) {
      for (const [k, sponsor] of sponsors.entries()) {
        graph.add({
          type: 'relationship',
          id: `relationship--${uuidV5(`apt-lens:claim:${ctx.key}:${accusedIds[i]}:${claim.agencies[k]}`)}`,
          ...stamps,
          created_by_ref: claimants[0]!,
          relationship_type: 'attributed-to',
          source_ref: actor,
          target_ref: sponsor,
          description: said,
          ...(score === undefined ? {} : { confidence: score }),
          external_references: [ctx.article],
        });
      }
    }
  }
  return claimants;
}
