/**
 * A chart as a PNG file: the uPlot canvas (bars and axes) drawn under its title on the theme's background,
 * since the live canvas is transparent and a file opened elsewhere has no page colour behind it.
 */
import type { ChartTheme } from './chart-theme';

/** Renders `canvas` with `title` above it into a PNG blob. */
export function chartPng(canvas: HTMLCanvasElement, title: string, theme: ChartTheme): Promise<Blob> {
  // The canvas is sized in device pixels; draw the title at the same scale.
  const scale = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  const pad = Math.round(12 * scale);
  const titleHeight = Math.round(28 * scale);
  const out = document.createElement('canvas');
  out.width = canvas.width + 2 * pad;
  out.height = canvas.height + titleHeight + 2 * pad;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2D canvas'));
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = theme.text;
  ctx.font = `600 ${Math.round(15 * scale)}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, pad, pad);
  ctx.drawImage(canvas, pad, pad + titleHeight);
  return new Promise((ok, fail) =>
    out.toBlob((b) => (b ? ok(b) : fail(new Error('the browser made no PNG'))), 'image/png'),
  );
}
