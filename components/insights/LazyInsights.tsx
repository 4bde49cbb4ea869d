/**
 * The Insights view loaded on demand: its code and the chart library are a separate chunk fetched when the
 * tab opens, so the dashboard's first view pays nothing for them (measured in `npm run bench:dashboard`).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { INSIGHTS_HEADING } from './heading';
import type { InsightsProps } from './Insights';

type View = (props: InsightsProps) => JSX.Element;

/** The Insights view once its chunk is in. */
export function LazyInsights(props: InsightsProps) {
  const [View, setView] = useState<View>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    import('./Insights').then(
      (m) => setView(() => m.Insights),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  if (View) return <View {...props} />;
  // The tab has its heading before the charts' chunk is in, as every other tab does.
  return (
    <section class="insights" aria-labelledby="insights-heading">
      <h1 id="insights-heading">{INSIGHTS_HEADING}</h1>
      {error ? (
        <p role="alert">Could not load the charts: {error}</p>
      ) : (
        <p aria-busy="true">Loading charts…</p>
      )}
    </section>
  );
}
