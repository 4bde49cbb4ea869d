/**
 * The dashboard's Insights view: incidents or sightings per month, per actor and agency, per sponsor state,
 * per sponsor agency and per tag, as bar charts with tables. A bar opens the Incidents or Sightings list
 * filtered on it. It reads both stores when it opens, so the dashboard's first view never waits for it.
 */

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Incident } from '../../lib/incidents/model';
import {
  aggregate,
  type Bucket,
  type Measure,
  monthSeries,
  type SightingFacts,
  sightingsFromKeys,
  topBuckets,
} from '../../lib/insights/aggregate';
import type { Drill } from '../../lib/insights/drill';
import type { FactsOf } from '../../lib/overlay/sponsor-facts';
import { afterPaint } from '../after-paint';
import { countryName } from '../shared/country';
import { ChartFigure } from './ChartFigure';
import { useChartTheme } from './chart-theme';
import { INSIGHTS_HEADING } from './heading';

/** What the view needs from the extension; a seam so tests run it without a browser. */
export interface InsightsApi {
  incidents(): Promise<Incident[]>;
  sightings(): Promise<SightingFacts[]>;
  /**
   * The sightings' keys only (entity + URL, no record read): far cheaper than `sightings` at 50,000, so
   * every chart but the sightings per month is drawn from them first.
   */
  sightingKeys?(): Promise<string[]>;
  /** Display name of an actor or agency id. */
  name(id: string): string;
  facts: FactsOf;
  /** Hands a file to the browser's downloads. */
  download(fileName: string, data: Blob): void;
}

/** Bars in each ranking chart. */
const TOP = 12;
/** Entities offered in the month chart's picker. */
const PICKER = 60;

const monthLabel = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const formatMonth = (m: string) => monthLabel.format(new Date(`${m}-01T00:00:00Z`));
const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** Props: the data seam, and where a click on a bar sends the reader. */
export interface InsightsProps {
  api: InsightsApi;
  go(drill: Drill): void;
}

/** The Insights tab. */
export function Insights({ api, go }: InsightsProps) {
  /** `dated` is false while the sightings are known from their keys only (no dates yet). */
  const [data, setData] = useState<{ incidents: Incident[]; sightings: SightingFacts[]; dated: boolean }>();
  const [error, setError] = useState<string>();
  const [measure, setMeasure] = useState<Measure>();
  const [entity, setEntity] = useState('');
  const theme = useChartTheme();

  useEffect(() => {
    let live = true;
    const load = async () => {
      // bench:dashboard reads these marks to split the view's time into reading and the rest.
      const incidents = await api.incidents();
      if (api.sightingKeys) {
        const quick = sightingsFromKeys(await api.sightingKeys());
        performance.mark('apt-lens:insights-read');
        if (!live) return;
        setData({ incidents, sightings: quick, dated: false });
        await afterPaint();
      }
      const sightings = await api.sightings();
      performance.mark('apt-lens:insights-dated');
      if (live) setData({ incidents, sightings, dated: true });
    };
    load().catch((e: unknown) => {
      if (live) setError(e instanceof Error ? e.message : String(e));
    });
    return () => {
      live = false;
    };
  }, []);

  const insights = useMemo(() => {
    if (!data) return undefined;
    const r = aggregate(data.incidents, data.sightings, api.facts);
    performance.mark('apt-lens:insights-counted');
    return r;
  }, [data]);

  if (error) return <p role="alert">Could not read incidents and sightings: {error}</p>;
  if (!insights) return <p aria-busy="true">Counting incidents and sightings…</p>;

  const { totals } = insights;
  const m: Measure = measure ?? (totals.incidents > 0 || totals.sightings === 0 ? 'incidents' : 'sightings');
  const unit = m === 'incidents' ? 'incident' : 'sighting';
  const drill = (d: Omit<Drill, 'list'>) => go({ list: m, ...d });
  const ranking = (list: readonly Bucket[], label: (key: string) => string) => {
    const top = topBuckets(list, m, TOP);
    return {
      keys: top.map((b) => b.key),
      labels: top.map((b) => label(b.key)),
      values: top.map((b) => b[m]),
    };
  };
  const entities = ranking(insights.entities, api.name);
  const countries = ranking(insights.countries, (c) => countryName(c) ?? c);
  const agencies = ranking(insights.agencies, api.name);
  const tags = ranking(insights.tags, (t) => t);
  const picker = topBuckets(insights.entities, m, PICKER);
  const monthValues = monthSeries(insights, entity, m);
  const common = { unit, theme, download: api.download };

  return (
    <section class="insights" aria-labelledby="insights-heading">
      <div class="insights-top">
        <h1 id="insights-heading">{INSIGHTS_HEADING}</h1>
        <fieldset class="measure">
          <legend>Count</legend>
          {(['incidents', 'sightings'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="measure" checked={m === k} onChange={() => setMeasure(k)} />{' '}
              {k === 'incidents' ? 'Incidents' : 'Sightings'} ({totals[k].toLocaleString('en')})
            </label>
          ))}
        </fieldset>
      </div>
      <p class="insights-summary">
        {plural(totals.incidents, 'incident')} and {plural(totals.sightings, 'sighting')}.{' '}
        {insights.unattributed[m] > 0 &&
          `${plural(insights.unattributed[m], unit)} name no actor or agency with a known sponsor state. `}
        Click a bar to open the {m === 'incidents' ? 'incident' : 'sighting'} list filtered on it.
      </p>
      <div class="insight-grid">
        <ChartFigure
          {...common}
          id="per-month"
          title={`${m === 'incidents' ? 'Incidents' : 'Sightings'} per month${entity ? ` — ${api.name(entity)}` : ''}`}
          nameHeader="Month"
          labels={insights.months.map(formatMonth)}
          values={m === 'sightings' && !data?.dated ? [] : monthValues}
          horizontal={false}
          onPick={(i) => drill({ month: insights.months[i]!, ...(entity ? { entity } : {}) })}
          empty={m === 'sightings' && !data?.dated ? 'Reading when each page was seen…' : `No ${unit}s yet.`}
          controls={
            <select
              aria-label="Month chart entity"
              value={entity}
              onChange={(e) => setEntity(e.currentTarget.value)}
            >
              <option value="">All actors and agencies</option>
              {picker.map((b) => (
                <option key={b.key} value={b.key}>
                  {api.name(b.key)}
                </option>
              ))}
            </select>
          }
        />
        <ChartFigure
          {...common}
          id="actors"
          title="Actors and agencies named"
          nameHeader="Actor or agency"
          labels={entities.labels}
          values={entities.values}
          horizontal
          onPick={(i) => drill({ entity: entities.keys[i]! })}
          empty={`No ${unit} names an actor or agency yet.`}
        />
        <ChartFigure
          {...common}
          id="sponsor-states"
          title="Sponsor states"
          nameHeader="State"
          labels={countries.labels}
          values={countries.values}
          horizontal
          onPick={(i) => drill({ country: countries.keys[i]! })}
          empty={`No ${unit} points at a known state yet.`}
        />
        <ChartFigure
          {...common}
          id="sponsor-agencies"
          title="Sponsor agencies"
          nameHeader="Agency"
          labels={agencies.labels}
          values={agencies.values}
          horizontal
          onPick={(i) => drill({ sponsor: agencies.keys[i]! })}
          empty={`No ${unit} points at a known agency yet.`}
        />
        <ChartFigure
          {...common}
          id="tags"
          title="Tags"
          nameHeader="Tag"
          labels={m === 'incidents' ? tags.labels : []}
          values={m === 'incidents' ? tags.values : []}
          horizontal
          onPick={(i) => drill({ tag: tags.keys[i]! })}
          empty={m === 'incidents' ? 'No incident has a tag yet.' : 'Sightings have no tags; incidents do.'}
        />
      </div>
    </section>
  );
}
