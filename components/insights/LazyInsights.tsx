/**
 * The Insights view loaded on demand: its code and the chart library are a separate chunk fetched when the
 * tab opens, so the dashboard's first view pays nothing for them (measured in `npm run bench:dashboard`).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
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
  if (error) return <p role="alert">Could not load the charts: {error}</p>;
  return View ? <View {...props} /> : <p aria-busy="true">Loading charts…</p>;
}
