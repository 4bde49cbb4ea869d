/** Resolves after the browser has had a chance to paint what was just rendered (views that paint a first page, then read the rest). */
export const afterPaint = () =>
  new Promise<void>((ok) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(ok, 0));
    else setTimeout(ok, 0);
  });
