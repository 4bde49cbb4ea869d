/**
 * Occlusion from IntersectionObserver v2 (`trackVisibility`, Chromium): the browser itself says whether an
 * element is drawn unobscured, which a page cannot fake. Other browsers lack it; there the card's other
 * click guards still apply.
 */

/** Whether this window's IntersectionObserver reports `isVisible` (occlusion tracking). */
export function tracksVisibility(win: Window & typeof globalThis): boolean {
  return (
    typeof win.IntersectionObserverEntry === 'function' &&
    'isVisible' in win.IntersectionObserverEntry.prototype
  );
}

/** Reports whether `el` is covered (or faded, transformed, off screen) whenever that changes; returns a stop. */
export function watchCovered(
  win: Window & typeof globalThis,
  el: Element,
  onChange: (covered: boolean) => void,
): () => void {
  const io = new win.IntersectionObserver(
    (entries) => {
      const last = entries[entries.length - 1] as
        | (IntersectionObserverEntry & { isVisible?: boolean })
        | undefined;
      if (last) onChange(last.isVisible !== true);
    },
    // 100 ms is the smallest delay the browser accepts with trackVisibility.
    { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  io.observe(el);
  return () => io.disconnect();
}
