/**
 * The card's wiring in a page: the closed shadow root it renders into (mounted after the first scan, so
 * the scan does not wait for it), its data from the background, and its buttons.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { CARD_CSS } from '../../components/card/card-css';
import { createPageCard, type PageCard } from '../../components/card/page-card';
import { UI_HOST_TAG } from '../../lib/page/collect';
import type { HoverTracker } from '../../lib/page/hover';
import { MARKS_CSS, type MarkKind, PrivateMarks } from '../../lib/page/private-marks';
import type { MarkSink } from '../../lib/page/saved-passages';
import { isWatched, type Settings } from '../../lib/settings';
import { send } from '../../platform/messaging';
import { notOnThisSite, setWatched } from '../../platform/page-settings';
import { CAPTURE_FRAME_CSS, type Capture } from './capture';

/** The card and the shadow-root container the card and the capture form live in. */
export interface PageUi {
  card: PageCard;
  /** Saved passages and the current mention, drawn in the closed shadow root once it is mounted. */
  marks: MarkSink;
  container(): HTMLElement | undefined;
  mount(): Promise<void>;
}

/**
 * Sets the card up; `hover` is the session's tracker (the card keeps itself open while pointed at), and
 * `settings` the reader's settings as last read (the star button says whether the entity is watched).
 */
export function pageUi(
  ctx: ContentScriptContext,
  _site: string,
  hover: () => HoverTracker,
  capture: () => Capture | undefined,
  settings: { now(): Settings | undefined; apply(next: Settings): void },
): PageUi {
  let container: HTMLElement | undefined;
  let marks: PrivateMarks | undefined;
  // Marks set before the layer exists (the first scan paints the reader's own names) are drawn on mount.
  const early = new Map<MarkKind, Range[]>();
  const card = createPageCard({
    container: () => container,
    cardData: (id) => send({ type: 'kb:entity', id }),
    actions: ({ mention: { id, name, kind }, range }) => {
      const save = capture();
      const now = settings.now();
      const watched = !!now && isWatched(now, id);
      return [
        ...(save
          ? [
              {
                label: 'Save incident',
                // The passage is the sentence the name stands in; the card makes way for the form.
                run: () => {
                  save.open([{ id, name, kind }], range);
                  hover().close();
                },
              },
            ]
          : []),
        {
          label: watched ? '★ Watching' : '☆ Watch',
          altLabel: watched ? '☆ Watch' : '★ Watching',
          pressed: watched,
          run: () =>
            void setWatched(id, !watched).then((next) => {
              settings.apply(next);
              card.refresh();
            }),
        },
        {
          label: `Not this ${kind} on this site`,
          // The background takes the site from the sender: a page can change only its own.
          run: () => void notOnThisSite(id),
        },
      ];
    },
    incidentHref: (id) => `${browser.runtime.getURL('/dashboard.html')}#${id}`,
    onPointerOver: (over) => hover().setOverCard(over),
    onClose: () => hover().close(),
    viewport: () => ({ width: innerWidth, height: innerHeight }),
    win: window,
    now: () => performance.now(),
  });
  return {
    card,
    marks: {
      set: (kind, ranges) => {
        if (marks) marks.set(kind, [...ranges]);
        else early.set(kind, [...ranges]);
      },
    },
    container: () => container,
    async mount() {
      const ui = await createShadowRootUi(ctx, {
        name: UI_HOST_TAG,
        position: 'inline',
        anchor: document.documentElement,
        append: 'last',
        mode: 'closed',
        css: CARD_CSS + MARKS_CSS + CAPTURE_FRAME_CSS,
        onMount: (el) => {
          container = el;
        },
        onRemove: () => card.unmount(),
      });
      ui.mount();
      // The reader's marks are drawn beside the card's container (Preact owns that one), before it in tree
      // order so they paint under the card, never in the page's CSS.highlights.
      const layer = document.createElement('div');
      layer.className = 'marks';
      container?.parentNode?.insertBefore(layer, container);
      marks = new PrivateMarks(layer, window);
      for (const [kind, ranges] of early) marks.set(kind, ranges);
      early.clear();
      ctx.onInvalidated(() => marks?.clear());
    },
  };
}
