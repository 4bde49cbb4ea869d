/**
 * Incident capture in the page: opens the "Save as incident" form in the content script's shadow-root UI
 * when the background asks (`capture:open`, answered by the page session) or the card's Save button is
 * pressed, and sends the result to the background, the only writer of the incidents store.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { IncidentForm } from '../../components/incident-form/IncidentForm';
import {
  captureInitial,
  contextBefore,
  type EntityOption,
  offsetIn,
  selectionQuote,
  sentenceQuote,
} from '../../lib/incidents/capture';
import type { Incident, IncidentDraft } from '../../lib/incidents/model';
import { publishedDate } from '../../lib/incidents/published';
import { findQuote } from '../../lib/incidents/quote';
import { findMentions } from '../../lib/match/find-mentions';
import { collectText } from '../../lib/page/collect';

/** What the capture module gives the content script. */
export interface Capture {
  /**
   * Opens the form on the current selection; `extra` pre-attaches entities and `mention` is where the
   * card's name stands (the card's "Save incident": the passage is that name's sentence).
   */
  open(extra?: readonly EntityOption[], mention?: Range): void;
  /** This page's saved incidents with where their passages are in `pageText` (for re-highlighting). */
  savedPassages(pageText: string): Promise<{ incident: Incident; start: number; end: number }[]>;
}

/** How long the confirmation stays before the form closes itself. */
const CONFIRM_MS = 2500;

/**
 * Sets capture up for one content-script run. `uiContainer` returns the shadow root's container (the
 * element the UI is mounted into); the form gets its own element beside it so it never fights the card's
 * render tree.
 */
export function setupCapture(
  ctx: ContentScriptContext,
  uiContainer: () => HTMLElement | undefined,
  onSaved: () => void = () => {},
): Capture {
  let host: HTMLElement | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    clearTimeout(closeTimer);
    if (host) render(null, host);
  };

  const open = (extra: readonly EntityOption[] = [], mention?: Range) => {
    const container = uiContainer();
    if (!container?.parentNode) return;
    if (!host?.isConnected) {
      host = document.createElement('div');
      host.className = 'apt-lens-capture';
      container.parentNode.appendChild(host);
    }
    const target = host;
    const page = collectText(document.body);
    const at = (r: Range) => ({
      start: offsetIn(page, r.startContainer, r.startOffset),
      end: offsetIn(page, r.endContainer, r.endOffset),
    });
    const where = mention && at(mention);
    const selection = window.getSelection();
    const read =
      where?.start !== undefined && where.end !== undefined
        ? sentenceQuote(page, where.start, where.end)
        : (() => {
            const quote = selectionQuote(selection, document.body);
            const start = selection?.rangeCount ? at(selection.getRangeAt(0)).start : undefined;
            return { quote, context: start === undefined ? quote.prefix : contextBefore(page, start) };
          })();
    const published = publishedDate(document);
    const initial = captureInitial({
      quote: read.quote,
      context: read.context,
      url: location.href,
      pageTitle: document.title,
      pageText: page.text,
      today: new Date(),
      find: (t) => findMentions(t),
      extra,
      ...(published ? { published } : {}),
    });
    const save = async (draft: IncidentDraft) => {
      await browser.runtime.sendMessage({ type: 'incidents:save', draft });
      onSaved();
      closeTimer = setTimeout(close, CONFIRM_MS);
    };
    const show = (knownTags: readonly string[]) =>
      render(
        <IncidentForm
          key={Date.now()}
          initial={initial}
          knownTags={knownTags}
          onSave={save}
          onCancel={close}
        />,
        target,
      );
    (browser.runtime.sendMessage({ type: 'incidents:tags' }) as Promise<string[]>).then(show, () => show([]));
  };

  ctx.onInvalidated(close);

  return {
    open,
    async savedPassages(pageText) {
      const incidents = (await browser.runtime.sendMessage({
        type: 'incidents:for-page',
        url: location.href,
      })) as Incident[];
      return incidents.flatMap((incident) => {
        const at = findQuote(pageText, incident.quote);
        return at ? [{ incident, ...at }] : [];
      });
    },
  };
}
