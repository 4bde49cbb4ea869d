/**
 * A chart with what surrounds it: a heading, a PNG download, and the same numbers as a table. The table is
 * always in the page for screen readers (visually hidden until "Show table"), and each of its names is a
 * button that does what a click on the bar does, so the drill-down works from the keyboard too.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { BarChart } from './BarChart';
import type { ChartTheme } from './chart-theme';
import { chartPng } from './png';

/** Props of one chart figure. */
export interface ChartFigureProps {
  /** Stable id: the heading's id and the downloaded file's name. */
  id: string;
  title: string;
  /** What the name column is called in the table ("Actor or agency", "Month"). */
  nameHeader: string;
  labels: readonly string[];
  values: readonly number[];
  horizontal: boolean;
  /** "incident" or "sighting". */
  unit: string;
  theme: ChartTheme;
  onPick(index: number): void;
  download(fileName: string, data: Blob): void;
  /** Controls above the chart (the month chart's entity picker). */
  controls?: ComponentChildren;
  /** What to say instead of an empty chart. */
  empty: string;
}

/** One figure of the Insights view. */
export function ChartFigure(p: ChartFigureProps) {
  const [tableShown, setTableShown] = useState(false);
  const canvas = useRef<HTMLCanvasElement | undefined>(undefined);
  const [error, setError] = useState<string>();
  const heading = `chart-${p.id}`;
  const hasData = p.values.some((v) => v > 0);
  const exportPng = async () => {
    setError(undefined);
    try {
      if (!canvas.current) throw new Error('the chart is not drawn');
      p.download(`apt-lens-${p.id}.png`, await chartPng(canvas.current, p.title, p.theme));
    } catch (e) {
      setError(`Could not export the chart: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <figure class="insight" aria-labelledby={heading}>
      <div class="insight-head">
        <h3 id={heading}>{p.title}</h3>
        <div class="insight-actions">
          {p.controls}
          <button type="button" disabled={!hasData} onClick={() => void exportPng()}>
            Download PNG
          </button>
          <button type="button" aria-expanded={tableShown} onClick={() => setTableShown((s) => !s)}>
            {tableShown ? 'Hide table' : 'Show table'}
          </button>
        </div>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {hasData ? (
        <BarChart
          labels={p.labels}
          values={p.values}
          horizontal={p.horizontal}
          unit={p.unit}
          theme={p.theme}
          onPick={p.onPick}
          onCanvas={(c) => {
            canvas.current = c;
          }}
        />
      ) : (
        <p class="empty">{p.empty}</p>
      )}
      <table class={tableShown ? 'insight-table' : 'insight-table visually-hidden'}>
        <caption>{p.title}</caption>
        <thead>
          <tr>
            <th scope="col">{p.nameHeader}</th>
            <th scope="col">{`${p.unit[0]!.toUpperCase()}${p.unit.slice(1)}s`}</th>
          </tr>
        </thead>
        <tbody>
          {p.labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">
                {(p.values[i] ?? 0) > 0 ? (
                  <button type="button" class="link" onClick={() => p.onPick(i)}>
                    {label}
                  </button>
                ) : (
                  label
                )}
              </th>
              <td>{p.values[i]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
