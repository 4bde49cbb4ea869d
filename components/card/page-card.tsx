/**
 * The page's entity card as a `CardView` for `PageSession`: renders `HoverPopover` into the content
 * script's shadow-root container, fetches (and caches) each entity's card data, and lists the other
 * entities an ambiguous name could mean. Everything it needs from the browser is passed in.
 */
import { render } from 'preact';
import type { EntityCardData } from '../../lib/kb/card-data';
import { ClickGuard } from '../../lib/page/click-guard';
import { tracksVisibility, watchCovered } from '../../lib/page/occlusion';
import type { PaintedMention } from '../../lib/page/paint';
import type { CardView } from '../../lib/page/session';
import { type Anchor, type CardAction, HoverPopover } from './HoverPopover';

/**
 * The box of the word the card explains, all its lines: a name that wraps has its second line under the
 * first line's box, and the card must cover neither.
 */
export function anchorOf(range: Range): Anchor | null {
  const lines = range.getClientRects();
  const all = range.getBoundingClientRect();
  const first = lines[0] ?? all;
  if (!first) return null;
  return { left: first.left, top: Math.min(all.top, first.top), bottom: Math.max(all.bottom, first.bottom) };
}

/** What the card is given by the content script. */
export interface PageCardDeps {
  /** The shadow root's container, once mounted. */
  container(): HTMLElement | undefined;
  /** The card data of one entity (the background resolves it). */
  cardData(id: string): Promise<EntityCardData | null>;
  /** The buttons under the card for a mention. */
  actions(p: PaintedMention): CardAction[];
  /** Where a saved incident opens (the dashboard). */
  incidentHref(id: string): string;
  /** The pointer entered or left the card, or it asked to close. */
  onPointerOver(over: boolean): void;
  onClose(): void;
  viewport(): { width: number; height: number };
  /** The page's window: its IntersectionObserver says whether something covers the card. */
  win: Window & typeof globalThis;
  now(): number;
}

/** The card as the session drives it, plus taking it out when the UI goes away. */
export interface PageCard extends CardView {
  unmount(): void;
  /** Draws the open card again (its buttons' state changed, e.g. the entity was starred). */
  refresh(): void;
}

/** The card, rendered on demand; data requests are made once per entity and page. */
export function createPageCard(deps: PageCardDeps): PageCard {
  const cache = new Map<string, Promise<EntityCardData | null>>();
  const dataOf = (id: string) => {
    let p = cache.get(id);
    if (!p) {
      p = deps.cardData(id).catch(() => null);
      cache.set(id, p);
    }
    return p;
  };
  let current: PaintedMention | undefined;
  // The buttons answer only real, unhurried clicks on an uncovered card (see ClickGuard).
  const occlusion = tracksVisibility(deps.win);
  const guard = new ClickGuard(deps.now);
  let rerender = () => {};
  let armTimer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching = () => {};
  let watched: Element | null = null;
  let freshCard = false;
  let watchedSize = '';
  /** Re-renders the card when its buttons wake up, and follows whether something covers it. */
  const followCard = (renderedReady: boolean) => {
    clearTimeout(armTimer);
    // Judged on what was rendered: the clock moved on while rendering, and a timer may fire a little early.
    const wait = guard.waitMs();
    if (!renderedReady && Number.isFinite(wait)) armTimer = setTimeout(() => rerender(), Math.ceil(wait) + 1);
    const el = deps.container()?.querySelector('.popover') ?? null;
    // A card that grew (its data arrived) is judged again: a verdict on its loading state may not be
    // repeated by the observer if nothing it tracks changes.
    const size = el ? `${el.clientWidth}x${el.clientHeight}` : '';
    if (!occlusion || (el === watched && !freshCard && size === watchedSize)) return;
    watchedSize = size;
    // Each new card gets its own verdict: observing anew delivers a first entry within the observer's
    // 100 ms delay, well before the buttons wake.
    freshCard = false;
    stopWatching();
    watched = el;
    stopWatching = el
      ? watchCovered(deps.win, el, (covered) => {
          guard.setCovered(covered);
          rerender();
        })
      : () => {};
  };

  const draw = (
    p: PaintedMention | undefined,
    about: Parameters<CardView['open']>[1] | undefined,
    data: EntityCardData | null,
    candidates: { id: string; name: string; country?: string }[] = [],
  ) => {
    const el = deps.container();
    if (!el) return;
    rerender = () => draw(p, about, data, candidates);
    const ready = guard.ready;
    render(
      <HoverPopover
        anchor={p ? anchorOf(p.range) : null}
        data={data}
        seenAs={p?.mention.text}
        viewport={deps.viewport()}
        actions={(p ? deps.actions(p) : []).map((a) => ({
          label: a.label,
          pressed: a.pressed,
          altLabel: a.altLabel,
          run: (e: MouseEvent) => {
            if (guard.allows(e)) a.run(e);
          },
        }))}
        actionsReady={ready}
        incidents={(about?.incidents ?? []).map((i) => ({
          title: i.title || i.pageTitle,
          href: deps.incidentHref(i.id),
        }))}
        alsoOnPage={about?.alsoOnPage ?? []}
        candidates={candidates}
        focus={about?.focus ?? false}
        onPointerEnter={() => deps.onPointerOver(true)}
        onPointerLeave={() => deps.onPointerOver(false)}
        onClose={deps.onClose}
      />,
      el,
    );
    followCard(ready);
  };

  return {
    open(p, about) {
      current = p;
      guard.shown();
      freshCard = true;
      draw(p, about, null);
      // An ambiguous name lists what else it could mean, so the card says so instead of guessing.
      const others = (p.mention.candidates ?? []).filter((id) => id !== p.mention.id).slice(0, 5);
      void Promise.all([dataOf(p.mention.id), ...others.map(dataOf)]).then(([data, ...rest]) => {
        // The reader's own entities are not named to explain an ambiguity: the note's size would tell.
        const candidates = rest.flatMap((d) =>
          d && !d.ours?.own ? [{ id: d.entity.id, name: d.entity.name, country: d.entity.country }] : [],
        );
        if (current !== p) return;
        // The buttons appear with the data: the reader gets their full look at them from now on, however
        // long the data took (a click aimed at a decoy the moment they appear must not press one).
        if (data) guard.shown();
        draw(p, about, data ?? null, candidates);
      });
    },
    close() {
      current = undefined;
      draw(undefined, undefined, null);
    },
    refresh() {
      rerender();
    },
    /** Takes the card's render tree out of the container (the UI is being removed). */
    unmount() {
      current = undefined;
      clearTimeout(armTimer);
      stopWatching();
      const el = deps.container();
      if (el) render(null, el);
    },
  };
}
