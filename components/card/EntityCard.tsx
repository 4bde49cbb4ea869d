import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { EntityCardData } from '../../lib/kb/card-data';
import type { Actor, Agency, Alias, AttributionEvent } from '../../lib/kb/types';
import { pushTo } from '../../lib/multimap';
import { countryName } from '../shared/country';

/** Props of the card: the resolved entity, or `null` while it loads / when unknown. */
export interface EntityCardProps {
  data: EntityCardData | null;
  /** The text as written on the page, shown when it differs from the canonical name. */
  seenAs?: string;
  /** Other names of the same entity that the page uses ("also called X on this page"). */
  alsoOnPage?: string[];
  /** The other entities an ambiguous name could mean, best first after this one. */
  candidates?: { id: string; name: string; country?: string }[];
  /** Extra sections at the end of the card (the popup adds the incidents that mention the entity). */
  children?: ComponentChildren;
  /** Names shown before the rest of a long alias list folds behind "+N more" (all when unset). */
  aliasLimit?: number;
  /**
   * False on a page's card: what the reader's own KB adds to a bundled entity is not shown in the card's
   * body (the page could measure the card), but behind the card's "Yours" disclosure.
   */
  showOurs?: boolean;
}

function groupBySource(aliases: readonly Alias[]): [string, Alias[]][] {
  const groups = new Map<string, Alias[]>();
  for (const a of aliases) {
    pushTo(groups, a.source ?? 'Other', a);
  }
  return [...groups].sort(([a], [b]) => (a === 'Other' ? 1 : b === 'Other' ? -1 : a.localeCompare(b)));
}

const RELATION: Record<Actor['related'][number]['kind'], string> = {
  same: 'same group',
  overlaps: 'overlaps',
  'part-of': 'part of',
};

function hostOf(href: string): string {
  try {
    return new URL(href).hostname.replace(/^www\./, '');
  } catch {
    return href;
  }
}

/** Attributions shown before the rest fold away: a tall list would fill the card. */
const SHOWN_ATTRIBUTIONS = 2;

function Attribution({ e }: { e: AttributionEvent }) {
  const href = e.refs[0];
  return (
    <li data-field="attribution">
      <span class="who">
        {e.by}
        {e.agencies && e.agencies.length > 0 && ` (${e.agencies.join(', ')})`}
      </span>
      {', '}
      <span class="date">{e.date}</span>
      {`: ${e.how}`}
      {!e.agencyId && ` — ${countryName(e.country)}`}
      {href && (
        <>
          {' · '}
          <a href={href} target="_blank" rel="noreferrer" title={href}>
            {hostOf(href)}
          </a>
          {e.refIsIndex && ' (press-release index)'}
        </>
      )}
    </li>
  );
}

/** Each attribution with its own who, when, form and source, newest first (the KB keeps that order). */
function Attributions({ events }: { events: AttributionEvent[] }) {
  const shown = events.slice(0, SHOWN_ATTRIBUTIONS);
  const rest = events.slice(SHOWN_ATTRIBUTIONS);
  return (
    <>
      <ol class="attributions">
        {shown.map((e) => (
          <Attribution key={`${e.by}:${e.date}:${e.how}`} e={e} />
        ))}
      </ol>
      {rest.length > 0 && (
        <details class="more-attributions">
          <summary>{rest.length} earlier</summary>
          <ol class="attributions">
            {rest.map((e) => (
              <Attribution key={`${e.by}:${e.date}:${e.how}`} e={e} />
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

/**
 * Aliases grouped by the vendor that coined them. A long list (Lazarus Group has over forty) shows its first
 * `limit` names and folds the rest behind a "+N more" button, so the card stays short.
 */
function AliasList({
  aliases,
  limit = Number.POSITIVE_INFINITY,
}: {
  aliases: readonly Alias[];
  limit?: number;
}) {
  const [open, setOpen] = useState(false);
  const groups = groupBySource(aliases);
  const total = aliases.length;
  // Folding away one or two names would save less room than the button takes.
  const folds = total > limit + 2;
  const cap = open || !folds ? total : limit;
  let left = cap;
  const shown = groups.flatMap(([source, list]) => {
    if (left <= 0) return [];
    const part = list.slice(0, left);
    left -= part.length;
    return [[source, part] as const];
  });
  return (
    <>
      <ul class="aliases">
        {shown.map(([source, list]) => (
          <li key={source}>
            <span class="vendor">{source}:</span>{' '}
            {list.map((a, i) => (
              <span key={a.name} class={a.legacy ? 'legacy' : undefined}>
                {i > 0 && ', '}
                {a.name}
                {a.legacy && ' (former)'}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {folds && (
        <button type="button" class="more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show fewer' : `+${total - cap} more`}
        </button>
      )}
    </>
  );
}

function ActorBody({ actor, names, limit }: { actor: Actor; names: Record<string, string>; limit?: number }) {
  const s = actor.sponsor;
  // The aliases with their vendors are what the card is for: they come first, before the attributions.
  return (
    <>
      <h3>Also known as</h3>
      <AliasList aliases={actor.aliases} limit={limit} />
      <dl class="facts">
        {actor.country && (
          <>
            <dt>Country</dt>
            <dd>{countryName(actor.country)}</dd>
          </>
        )}
        {s && (
          <>
            <dt>Sponsor</dt>
            <dd data-field="sponsor">
              {s.agencyId ? (names[s.agencyId] ?? s.agencyId) : countryName(s.country)}
              {` (${countryName(s.country)}) — ${s.confidence} confidence`}
            </dd>
            <dt>Attributed by</dt>
            <dd>
              <Attributions events={s.events} />
            </dd>
          </>
        )}
        {actor.related.length > 0 && (
          <>
            <dt>Related</dt>
            <dd>{actor.related.map((r) => `${names[r.id] ?? r.id} (${RELATION[r.kind]})`).join(', ')}</dd>
          </>
        )}
        {actor.relatedNames && actor.relatedNames.length > 0 && (
          <>
            <dt>Tools, campaigns</dt>
            <dd data-field="related-names">
              {actor.relatedNames.map((r) => `${r.name} (${r.kind})`).join(', ')}
            </dd>
          </>
        )}
        {actor.attackId && (
          <>
            <dt>MITRE ATT&amp;CK</dt>
            <dd>
              <a href={`https://attack.mitre.org/groups/${actor.attackId}/`} target="_blank" rel="noreferrer">
                {actor.attackId}
              </a>
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

function AgencyBody({ data, agency }: { data: EntityCardData; agency: Agency }) {
  return (
    <dl class="facts">
      {agency.abbreviations.length > 0 && (
        <>
          <dt>Short</dt>
          <dd>{agency.abbreviations.join(', ')}</dd>
        </>
      )}
      {agency.localNames.length > 0 && (
        <>
          <dt>Native name</dt>
          <dd lang={agency.country?.toLowerCase()}>{agency.localNames.join(' · ')}</dd>
        </>
      )}
      {agency.country && (
        <>
          <dt>Country</dt>
          <dd>{countryName(agency.country)}</dd>
        </>
      )}
      {!data.ours?.own && (
        <>
          <dt>Kind</dt>
          <dd>{agency.kind.replace('-', ' ')}</dd>
        </>
      )}
      {agency.parent && (
        <>
          <dt>Part of</dt>
          <dd>{data.names[agency.parent] ?? agency.parent}</dd>
        </>
      )}
      {data.sponsors && data.sponsors.length > 0 && (
        <>
          <dt>Said to sponsor</dt>
          <dd>{data.sponsors.map((s) => s.name).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

/** The facts of one of the reader's own entities that the overlay records: country, ATT&CK id, actors sponsored. */
function OwnFacts({ data }: { data: EntityCardData }) {
  const { entity } = data;
  const attackId = data.kind === 'actor' ? (entity as Actor).attackId : undefined;
  if (!entity.country && !attackId && !data.sponsors?.length) return null;
  return (
    <dl class="facts">
      {entity.country && (
        <>
          <dt>Country</dt>
          <dd>{countryName(entity.country)}</dd>
        </>
      )}
      {attackId && (
        <>
          <dt>MITRE ATT&amp;CK</dt>
          <dd>{attackId}</dd>
        </>
      )}
      {data.sponsors && data.sponsors.length > 0 && (
        <>
          <dt>Said to sponsor</dt>
          <dd>{data.sponsors.map((s) => s.name).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

/** What the reader's own KB says: their names (each marked "ours"), sponsor, notes and links. */
export function Ours({ data }: { data: EntityCardData }) {
  const ours = data.ours;
  if (!ours) return null;
  const { aliases, sponsor, notes, links } = ours;
  if (ours.own && aliases.length === 0 && !sponsor && !notes && links.length === 0) return null;
  return (
    <section class="ours-facts" data-field="ours">
      <h3>
        In your KB <span class="ours-mark">ours</span>
      </h3>
      <dl class="facts">
        {aliases.length > 0 && (
          <>
            <dt>{ours.own ? 'Also known as' : 'Your names'}</dt>
            <dd data-field="ours-aliases">
              {aliases.map((a, i) => (
                <span key={a.name}>
                  {i > 0 && ', '}
                  {a.name}
                  <span class="vendor"> ({a.source})</span>
                </span>
              ))}
            </dd>
          </>
        )}
        {sponsor && (
          <>
            <dt>Sponsor</dt>
            <dd data-field="sponsor">{data.names[sponsor] ?? sponsor}</dd>
          </>
        )}
        {notes && (
          <>
            <dt>Notes</dt>
            <dd class="notes">{notes}</dd>
          </>
        )}
        {links.length > 0 && (
          <>
            <dt>Links</dt>
            <dd>
              {links.map((href, i) => (
                <span key={href}>
                  {i > 0 && ' · '}
                  <a href={href} target="_blank" rel="noreferrer" title={href}>
                    {hostOf(href)}
                  </a>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** The card shown on hover in pages and as the popup's detail view: who an actor or agency is. */
export function EntityCard({
  data,
  seenAs,
  alsoOnPage = [],
  candidates = [],
  children,
  aliasLimit,
  showOurs = true,
}: EntityCardProps) {
  if (!data) return <div class="card loading">Loading…</div>;
  const { entity } = data;
  return (
    <article class="card" aria-label={entity.name}>
      <header>
        <span class={`kind kind-${data.kind}`}>{data.kind === 'actor' ? 'Threat actor' : 'Agency'}</span>
        {data.ours?.own && (
          <span class="ours-mark" title="From your own KB">
            ours
          </span>
        )}
        <h2>{entity.name}</h2>
        {seenAs && seenAs !== entity.name && <p class="seen-as">Written here as “{seenAs}”</p>}
        {candidates.length > 0 && (
          <p class="ambiguous" role="note">
            “{seenAs ?? entity.name}” is ambiguous: it could also mean{' '}
            {candidates.map((c) => (c.country ? `${c.name} (${countryName(c.country)})` : c.name)).join(', ')}
            .
          </p>
        )}
        {alsoOnPage.length > 0 && <p class="also">Also called {alsoOnPage.join(', ')} on this page.</p>}
      </header>
      {data.ours?.own ? null : data.kind === 'actor' ? (
        <ActorBody actor={entity as Actor} names={data.names} limit={aliasLimit} />
      ) : (
        <AgencyBody data={data} agency={entity as Agency} />
      )}
      {data.ours?.own && <OwnFacts data={data} />}
      {(showOurs || data.ours?.own) && <Ours data={data} />}
      {children}
    </article>
  );
}
