import './highlights.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CARD_CSS } from '../../components/card/card-css';
import { type Anchor, HoverPopover } from '../../components/card/HoverPopover';
import { findMentions } from '../../lib/match/find-mentions';
import type { EntityCardData } from '../../lib/messages';
import { collectText, UI_HOST_TAG } from '../../lib/page/collect';
import { MentionIndex } from '../../lib/page/hit-test';
import { type PaintedMention, paint, rangesFor, unpaint } from '../../lib/page/paint';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  async main(ctx) {
    performance.mark('apt-lens:start');
    if (!('highlights' in CSS) || !document.body) return;
    const host = { highlights: CSS.highlights, Highlight };

    const page = collectText(document.body);
    const painted = rangesFor(page, findMentions(page.text), document);
    paint(host, painted, 'background');
    const index = new MentionIndex(painted);
    performance.measure('apt-lens:scan', 'apt-lens:start');
    ctx.onInvalidated(() => unpaint(host));

    const cache = new Map<string, Promise<EntityCardData | null>>();
    const cardData = (id: string) => {
      let p = cache.get(id);
      if (!p) {
        p = browser.runtime.sendMessage({ type: 'kb:entity', id }) as Promise<EntityCardData | null>;
        cache.set(id, p);
      }
      return p;
    };

    let container: HTMLElement | undefined;
    const ui = await createShadowRootUi(ctx, {
      name: UI_HOST_TAG,
      position: 'inline',
      anchor: document.documentElement,
      append: 'last',
      mode: 'closed',
      css: CARD_CSS,
      onMount(el) {
        container = el;
      },
      onRemove() {
        if (container) render(null, container);
      },
    });
    ui.mount();

    let current: PaintedMention | undefined;
    let overCard = false;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;

    const show = (p: PaintedMention | undefined, data: EntityCardData | null) => {
      if (!container) return;
      const r = p?.range.getBoundingClientRect();
      const anchor: Anchor | null = r ? { left: r.left, top: r.top, bottom: r.bottom } : null;
      render(
        <HoverPopover
          anchor={anchor}
          data={data}
          seenAs={p?.mention.text}
          viewport={{ width: innerWidth, height: innerHeight }}
          onPointerEnter={() => {
            overCard = true;
            clearTimeout(hideTimer);
          }}
          onPointerLeave={() => {
            overCard = false;
            scheduleHide();
          }}
        />,
        container,
      );
    };
    const hide = () => {
      current = undefined;
      show(undefined, null);
    };
    const scheduleHide = () => {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => {
        if (!overCard) hide();
      }, 300);
    };

    let pending = false;
    let lastX = 0;
    let lastY = 0;
    const onMove = (e: MouseEvent) => {
      lastX = e.clientX;
      lastY = e.clientY;
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        const hit = index.hit(document, lastX, lastY);
        if (hit === current) {
          if (hit) clearTimeout(hideTimer);
          return;
        }
        if (!hit) {
          if (current) scheduleHide();
          return;
        }
        clearTimeout(hideTimer);
        current = hit;
        show(hit, null);
        void cardData(hit.mention.id).then((data) => {
          if (current === hit) show(hit, data);
        });
      });
    };
    ctx.addEventListener(document, 'mousemove', onMove, { passive: true });
    ctx.addEventListener(document, 'keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape' && current) hide();
    });
  },
});
