/**
 * The pieces of a list's filter bar (the Incidents tab, the Sightings view): a search box, a choice with
 * an "All …" first option, and a date range. Each reports the new value, or undefined when cleared.
 */

/** What a filter control reports: the new value, undefined when cleared. */
type OnValue = (value: string | undefined) => void;

const typed = (e: Event) => (e.currentTarget as HTMLInputElement).value || undefined;

/** The list's full-text search. */
export function SearchBox({ label, value, onValue }: { label: string; value?: string; onValue: OnValue }) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder={label}
      value={value}
      onInput={(e) => onValue(typed(e))}
    />
  );
}

/** One facet to filter by (an actor, a tag, a site): "All …" first, then `[value, text]` options. */
export function Choice({
  label,
  all,
  value,
  options,
  onValue,
}: {
  label: string;
  all: string;
  value?: string;
  options: readonly (readonly [string, string])[];
  onValue: OnValue;
}) {
  return (
    <select aria-label={label} value={value ?? ''} onChange={(e) => onValue(typed(e))}>
      <option value="">{all}</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** From and To days (YYYY-MM-DD), each optional. */
export function DateRange({
  from,
  to,
  onFrom,
  onTo,
}: {
  from?: string;
  to?: string;
  onFrom: OnValue;
  onTo: OnValue;
}) {
  return (
    <>
      <label>
        From <input type="date" aria-label="From date" value={from ?? ''} onInput={(e) => onFrom(typed(e))} />
      </label>
      <label>
        To <input type="date" aria-label="To date" value={to ?? ''} onInput={(e) => onTo(typed(e))} />
      </label>
    </>
  );
}

/** The site and the day range, which every list of pages filters by. */
export function SiteAndDates({
  sites,
  filter,
  set,
}: {
  sites: readonly string[];
  filter: { site?: string; from?: string; to?: string };
  set(key: 'site' | 'from' | 'to'): OnValue;
}) {
  return (
    <>
      <Choice
        label="Site"
        all="All sites"
        value={filter.site}
        options={sites.map((s) => [s, s] as const)}
        onValue={set('site')}
      />
      <DateRange from={filter.from} to={filter.to} onFrom={set('from')} onTo={set('to')} />
    </>
  );
}
