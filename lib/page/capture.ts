/**
 * Incident capture in the page: opens the "Save as incident" form when the background asks (`capture:open`,
 * answered by the page session) or the card's Save button is pressed. The form is an extension page
 * (`capture.html`) in a frame inside the content script's closed shadow root, so the reader's typing,
 * selection and clipboard stay in the extension's document (./capture-frame.ts); this side gathers
 * the form's starting data from the page (the entities it suggests are the session's mentions, the reader's
 * own names included) and closes the frame when the form says so.
 */
import {
  captureInitial,
  contextBefore,
  type EntityOption,
  offsetIn,
  selectionQuote,
  sentenceQuote,
} from '../incidents/capture';
import type { Incident } from '../incidents/model';
import { publishedDate } from '../incidents/published';
import { findQuote } from '../incidents/quote';
import type { Mention } from '../match/types';
import { frameUrl, newSecret, readNote } from './capture-frame';
import { collectText } from './collect';
import type { FoundPassage } from './saved-passages';
import type { FindFn } from './scanner';

/** The frame's box: a fixed panel at the window's right, whatever the form holds (the page can measure it). */
export const CAPTURE_FRAME_CSS = `
.apt-lens-capture { position: fixed; z-index: 2147483647; top: 16px; right: 16px; width: 400px;
  max-width: calc(100vw - 32px); height: calc(100vh - 32px); border: 0; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.25); background: transparent; color-scheme: normal; }
`;

/** What the capture module gives the page. */
export interface Capture {
  /**
   * Opens the form on the current selection; `extra` pre-attaches entities and `mention` is where the
   * card's name stands (the card's "Save incident": the passage is that name's sentence).
   */
  open(extra?: readonly EntityOption[], mention?: Range): void;
  /** This page's saved incidents with where their passages are in `pageText` (for re-highlighting). */
  savedPassages(pageText: string): Promise<FoundPassage[]>;
}

/** What capture is given: the page, the session's matcher and mentions, and the extension's pieces. */
export interface CaptureOptions {
  doc: Document;
  /** Closes the form for good when aborted (the content script's context). */
  signal: AbortSignal;
  /** The shadow root's container (the element the UI is mounted into); the frame goes beside it. */
  uiContainer: () => HTMLElement | undefined;
  /** The session's matcher (the reader's own names included), for the passage and its claims. */
  find: FindFn;
  /** The session's mentions of the whole page: the form's suggestions, without matching the page again. */
  pageMentions: () => readonly Mention[];
  /** The form's address (`capture.html`) and the extension's origin, the only one the hello may reach. */
  formUrl: () => string;
  origin: string;
  /** This page's saved incidents (asked of the background). */
  incidentsForPage: (url: string) => Promise<Incident[]>;
  onSaved?: () => void;
}

/** How long the confirmation stays before the form closes itself. */
const CONFIRM_MS = 2500;
/** Time for a key that closed the form to come up inside it. */
const KEY_UP_MS = 150;

/** Sets capture up for one content-script run; the frame never fights the card's render tree. */
export function setupCapture(o: CaptureOptions): Capture {
  const { doc, uiContainer, onSaved = () => {} } = o;
  const win = doc.defaultView!;
  let frame: HTMLIFrameElement | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    clearTimeout(closeTimer);
    frame?.remove();
    frame = undefined;
  };

  const open = (extra: readonly EntityOption[] = [], mention?: Range) => {
    const container = uiContainer();
    if (!container?.parentNode) return;
    close();
    const page = collectText(doc.body);
    const at = (r: Range) => ({
      start: offsetIn(page, r.startContainer, r.startOffset),
      end: offsetIn(page, r.endContainer, r.endOffset),
    });
    const where = mention && at(mention);
    const selection = win.getSelection();
    const read =
      where?.start !== undefined && where.end !== undefined
        ? sentenceQuote(page, where.start, where.end)
        : (() => {
            const quote = selectionQuote(selection, doc.body);
            const start = selection?.rangeCount ? at(selection.getRangeAt(0)).start : undefined;
            return { quote, context: start === undefined ? quote.prefix : contextBefore(page, start) };
          })();
    const published = publishedDate(doc);
    const onPage = o.pageMentions();
    const initial = captureInitial({
      quote: read.quote,
      context: read.context,
      url: win.location.href,
      pageTitle: doc.title,
      pageText: page.text,
      today: new Date(),
      // The whole page's mentions are the session's; only the passage and its claims are matched here.
      find: (t) => (t === page.text ? [...onPage] : o.find(t)),
      extra,
      ...(published ? { published } : {}),
    });
    const secret = newSecret(crypto);
    const target = doc.createElement('iframe');
    target.className = 'apt-lens-capture';
    target.title = 'Save as incident';
    target.src = frameUrl(o.formUrl(), secret);
    let loaded = false;
    target.addEventListener('load', () => {
      // The page can navigate a frame it reaches through window.frames: any load after ours is not ours.
      if (loaded) {
        if (frame === target) close();
        return;
      }
      loaded = true;
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => {
        const note = readNote(e.data);
        if (frame !== target || !note) return;
        // The form closes on Escape's keydown: its keyup still belongs in the form, not in the page (nor a
        // removed frame), so the frame goes a moment later.
        if (note === 'close') setTimeout(() => frame === target && close(), KEY_UP_MS);
        else {
          onSaved();
          closeTimer = setTimeout(close, CONFIRM_MS);
        }
      };
      // Chrome serves the frame from a per-session address (use_dynamic_url), but its document has the
      // extension's own origin: the only window the hello may be delivered to.
      target.contentWindow?.postMessage({ kind: 'apt-lens:capture', secret, initial }, o.origin, [
        channel.port2,
      ]);
      // Typing goes to the form at once (it focuses its first field inside its own document).
      target.focus();
    });
    frame = target;
    container.parentNode.appendChild(target);
  };

  o.signal.addEventListener('abort', close, { once: true });

  return {
    open: (extra, mention) => {
      if (!o.signal.aborted) open(extra, mention);
    },
    async savedPassages(pageText) {
      const incidents = await o.incidentsForPage(win.location.href);
      return incidents.flatMap((incident) => {
        const at = findQuote(pageText, incident.quote);
        return at ? [{ incident, ...at }] : [];
      });
    },
  };
}
