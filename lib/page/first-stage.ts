/**
 * The first stage of the page, which runs in every frame: it reads the frame's text as the scanner would
 * (./collect.ts, cut into tasks) and asks the prefilter (../match/prefilter.ts) whether any name, bundled or
 * the reader's own, may occur in it. Only on a yes is the second stage loaded (the matcher, the session, the
 * card). On a no it stays small: it watches the frame for new text and the reader's names for changes, and
 * asks again. One signal stops all of it.
 */
import type { Prefilter } from '../match/prefilter';
import { collectText, isInline, TextCollector, UI_HOST_TAG } from './collect';

/** What the first stage is given: the frame, its signal, and how to reach the names and the second stage. */
export interface FirstStageOptions {
  doc: Document;
  signal: AbortSignal;
  /** The prefilter over the names as they are now (asked again after `onNamesChanged`). */
  prefilter: () => Promise<Pick<Prefilter, 'mayName'>>;
  /** Calls back whenever the reader's names change; returns the unsubscribe. */
  onNamesChanged: (fn: () => void) => () => void;
  /** Loads the second stage; called at most once. */
  load: () => void;
  /** Called with the start of each uninterrupted piece of work (the timing build measures them). */
  onTask?: (start: number) => void;
  /** Called once the first look at the frame found no name: its first scan is done (the timing build's measure). */
  onNone?: () => void;
  /** Milliseconds of work per task. */
  budgetMs?: number;
  yieldToBrowser?: () => Promise<void>;
  /** Runs a batch of changes later (default: a short timeout, so a busy page's bursts come together). */
  schedule?: (fn: () => void) => void;
}

/** Characters the prefilter is asked about between two looks at the clock. */
const CHARS_PER_CHECK = 20_000;

/** The first stage of one frame: resolves when it has loaded the second stage or gone quiet to watch. */
export async function runFirstStage(o: FirstStageOptions): Promise<void> {
  const { doc, signal } = o;
  const budget = o.budgetMs ?? 6;
  const yieldToBrowser = o.yieldToBrowser ?? (() => new Promise<void>((ok) => setTimeout(ok, 0)));
  const schedule = o.schedule ?? ((fn: () => void) => void setTimeout(fn, 50));
  let loaded = false;
  let observer: MutationObserver | undefined;
  let unsubscribe: (() => void) | undefined;
  const load = () => {
    if (loaded || signal.aborted) return;
    loaded = true;
    // The second stage follows the page and the names itself.
    observer?.disconnect();
    unsubscribe?.();
    o.load();
  };
  signal.addEventListener('abort', () => observer?.disconnect(), { once: true });

  /** Asks the prefilter about a text in tasks within the budget; undefined when stopped on the way. */
  const mayName = async (
    prefilter: Pick<Prefilter, 'mayName'>,
    text: string,
  ): Promise<boolean | undefined> => {
    let piece = performance.now();
    for (let a = 0; a < text.length; ) {
      // Names never cross a block break, so the text is asked about in pieces that end at one.
      const nl = text.indexOf('\n', a + CHARS_PER_CHECK);
      const b = nl < 0 ? text.length : nl;
      if (prefilter.mayName(text.slice(a, b))) return true;
      a = b + 1;
      if (a < text.length && performance.now() - piece >= budget) {
        o.onTask?.(piece);
        await yieldToBrowser();
        if (signal.aborted || loaded) return undefined;
        piece = performance.now();
      }
    }
    o.onTask?.(piece);
    return false;
  };

  /**
   * Reads the whole frame and asks; true when it loaded the second stage or was stopped. Each piece of the
   * walk is asked about as soon as its blocks are complete, so a name early in the page starts the second
   * stage's load while the first would still be walking; every block is asked about once, whole.
   */
  const lookAtAll = async (): Promise<boolean> => {
    const asked = o.prefilter();
    const collector = new TextCollector(doc.body);
    let carry = '';
    let piece = performance.now();
    for (;;) {
      const until = performance.now() + budget;
      const complete = collector.run(() => performance.now() >= until);
      o.onTask?.(piece);
      const prefilter = await asked;
      if (signal.aborted || loaded) return true;
      const text = carry + collector.take();
      // Names never cross a block break: the text after the last one waits for the rest of its block.
      const cut = complete ? text.length : text.lastIndexOf('\n');
      carry = cut < 0 ? text : text.slice(cut + 1);
      const may = cut < 0 ? false : await mayName(prefilter, text.slice(0, Math.max(cut, 0)));
      if (may === undefined) return true;
      if (may) {
        load();
        return true;
      }
      if (complete) return false;
      await yieldToBrowser();
      if (signal.aborted || loaded) return true;
      piece = performance.now();
    }
  };

  if (signal.aborted || (await lookAtAll())) return;
  o.onNone?.();

  // Nothing yet: new text, or new names of the reader's, may change that.
  const dirty = new Set<Element>();
  let pending = false;
  const checkDirty = async () => {
    pending = false;
    if (signal.aborted || loaded) return;
    const blocks = [...dirty].filter((b) => b.isConnected);
    dirty.clear();
    const roots = blocks.filter((b) => !blocks.some((other) => other !== b && other.contains(b)));
    const prefilter = await o.prefilter();
    const text = roots.map((r) => collectText(r).text).join('\n');
    if (!signal.aborted && (await mayName(prefilter, text))) load();
  };
  const MO = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  observer = new MO((records) => {
    for (const r of records) {
      const target = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
      if (!target || target.closest(UI_HOST_TAG)) continue;
      let block: Element = target;
      while (isInline(block) && block.parentElement) block = block.parentElement;
      dirty.add(block);
    }
    if (dirty.size === 0 || pending) return;
    pending = true;
    schedule(() => void checkDirty());
  });
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
  unsubscribe = o.onNamesChanged(() => void lookAtAll());
  signal.addEventListener('abort', unsubscribe, { once: true });
}
