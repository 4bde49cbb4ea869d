/**
 * One bar chart drawn by uPlot (canvas, about 50 KB minified, no eval: fits an MV3 extension page's CSP).
 * Bars stand on a month axis (`horizontal` false) or lie along a list of names (`horizontal` true). A click
 * on a bar's row or column picks it; the canvas is hidden from screen readers, which read the table instead.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartTheme } from './chart-theme';

/** Props: one value per label, in drawing order (months left to right, names top to bottom). */
export interface BarChartProps {
  labels: readonly string[];
  values: readonly number[];
  horizontal: boolean;
  /** What one unit is called, for the hover read-out ("incident"). */
  unit: string;
  theme: ChartTheme;
  onPick(index: number): void;
  /** Hands over the chart's canvas (for the PNG export), or undefined when it goes away. */
  onCanvas?(canvas: HTMLCanvasElement | undefined): void;
}

const ROW = 26;
const AXIS_FONT = '12px system-ui, sans-serif';
const MAX_LABEL = 28;

const shorten = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/** Width of the widest label in the axis font, for the name axis's size. */
function labelWidth(labels: readonly string[]): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 120;
  ctx.font = AXIS_FONT;
  return Math.ceil(Math.max(40, ...labels.map((l) => ctx.measureText(shorten(l)).width))) + 16;
}

function options(p: BarChartProps, width: number, pick: (i: number | null) => void): uPlot.Options {
  const n = p.labels.length;
  const max = Math.max(1, ...p.values);
  const axis = { stroke: p.theme.text, font: AXIS_FONT, ticks: { stroke: p.theme.grid } };
  const nameAxis: uPlot.Axis = {
    ...axis,
    grid: { show: false },
    // One label per bar on the name axis; months thin out to every 2nd, 3rd, 6th or 12th as space requires.
    incrs: p.horizontal ? [1] : [1, 2, 3, 6, 12, 24],
    space: p.horizontal ? 12 : 72,
    values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? shorten(p.labels[i] ?? '') : '')),
    ...(p.horizontal ? { side: 3, size: labelWidth(p.labels), gap: 4 } : {}),
  };
  const countAxis: uPlot.Axis = {
    ...axis,
    grid: { stroke: p.theme.grid, width: 1 },
    // Counts are whole numbers: no tick between two of them.
    incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000],
    ...(p.horizontal ? { side: 2 } : {}),
  };
  return {
    width,
    height: p.horizontal ? n * ROW + 60 : 260,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false }, y: false },
    scales: {
      x: { time: false, range: () => [-0.5, n - 0.5], ...(p.horizontal ? { ori: 1, dir: -1 } : {}) },
      y: { range: () => [0, max * 1.08], ...(p.horizontal ? { ori: 0, dir: 1 } : {}) },
    },
    axes: [nameAxis, countAxis],
    series: [
      {},
      {
        stroke: p.theme.bar,
        fill: p.theme.bar,
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.7, 48], align: 0 }),
      },
    ],
    hooks: { setCursor: [(u) => pick(u.cursor.idx ?? null)] },
  };
}

/** A bar chart that redraws when its data, direction or theme change and resizes with its box. */
export function BarChart(p: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const props = useRef(p);
  props.current = p;

  useEffect(() => {
    const el = box.current!;
    const data: uPlot.AlignedData = [p.labels.map((_, i) => i), [...p.values]];
    const u = new uPlot(options(p, Math.max(200, el.clientWidth), setHover), data, el);
    u.over.style.cursor = 'pointer';
    // The bar under the click, from the click's own position (a click may come without a mousemove first).
    const onClick = (e: MouseEvent) => {
      const r = u.over.getBoundingClientRect();
      const pos = props.current.horizontal ? e.clientY - r.top : e.clientX - r.left;
      const i = Math.round(u.posToVal(pos, 'x'));
      if ((props.current.values[i] ?? 0) > 0) props.current.onPick(i);
    };
    u.over.addEventListener('click', onClick);
    p.onCanvas?.(u.ctx.canvas);
    const resize = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (w !== u.width) u.setSize({ width: w, height: u.height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', onClick);
      p.onCanvas?.(undefined);
      u.destroy();
    };
  }, [p.labels, p.values, p.horizontal, p.theme]);

  const shown = hover != null && p.labels[hover] !== undefined;
  return (
    <div class="chart">
      <div ref={box} class="chart-canvas" aria-hidden="true" />
      <p class="chart-hover" aria-hidden="true">
        {shown ? `${p.labels[hover]}: ${p.values[hover]} ${p.unit}${p.values[hover] === 1 ? '' : 's'}` : ' '}
      </p>
    </div>
  );
}
