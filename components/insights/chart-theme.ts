/**
 * The charts' colours, read from the dashboard's CSS custom properties so light and dark follow
 * prefers-color-scheme from one place (dashboard.css), and redrawn when the scheme changes.
 */
import { useEffect, useState } from 'preact/hooks';

/** What a chart paints with. */
export interface ChartTheme {
  text: string;
  grid: string;
  bar: string;
  background: string;
}

const FALLBACK: ChartTheme = { text: '#222', grid: '#ddd', bar: '#3b6fd8', background: '#fff' };

function readTheme(): ChartTheme {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => s.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--chart-text', FALLBACK.text),
    grid: v('--chart-grid', FALLBACK.grid),
    bar: v('--chart-bar', FALLBACK.bar),
    background: v('--chart-background', FALLBACK.background),
  };
}

/** The current theme, updated when the reader's system switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const dark = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setTheme(readTheme());
    dark.addEventListener('change', onChange);
    return () => dark.removeEventListener('change', onChange);
  }, []);
  return theme;
}
