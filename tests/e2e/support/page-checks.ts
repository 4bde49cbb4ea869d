/**
 * Functions evaluated inside the page under test (Playwright and Puppeteer both serialize them), so each
 * one is self-contained: no imports, no closures.
 */

/** What the highlight registry holds: highlight name → the texts of its ranges, in order. */
export function readHighlights(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<AbstractRange>> } }).CSS
    .highlights;
  for (const [name, highlight] of registry) {
    if (!name.startsWith('apt-lens')) continue;
    out[name] = [...highlight].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString().replace(/\s+/g, ' ');
    });
  }
  return out;
}

/** Whether the page's body is byte-identical to a fresh parse of its source (nothing added or changed). */
export async function bodyMatchesSource(): Promise<{ same: boolean; live: number; source: number }> {
  const html = await (await fetch(location.href)).text();
  // parseHTMLUnsafe attaches declarative shadow roots as the page load did; DOMParser would keep them as
  // <template> elements and report a difference that is not there.
  const D = Document as unknown as { parseHTMLUnsafe?: (html: string) => Document };
  const parsed = D.parseHTMLUnsafe
    ? D.parseHTMLUnsafe(html)
    : new DOMParser().parseFromString(html, 'text/html');
  const live = document.body.innerHTML;
  const source = parsed.body.innerHTML;
  return { same: live === source, live: live.length, source: source.length };
}

/** The viewport rectangle (first line box) of the first occurrence of `text` inside the element with id `id`. */
export function rectOfText([id, text]: [string, string]): {
  x: number;
  y: number;
  width: number;
  height: number;
} | null {
  const el = document.getElementById(id);
  if (!el) return null;
  // A web component's text lives in its (open) shadow root.
  const walker = document.createTreeWalker(el.shadowRoot ?? el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + text.length);
    // The first line box: a name that wraps has two, and their bounding box covers other words.
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }
  return null;
}

/** Share of pixels in a PNG (base64) whose colour is near `rgb` (±tolerance per channel). */
export async function shareOfColour([png, rgb, tolerance]: [
  string,
  [number, number, number],
  number,
]): Promise<number> {
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  let near = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs(data[i]! - rgb[0]) <= tolerance &&
      Math.abs(data[i + 1]! - rgb[1]) <= tolerance &&
      Math.abs(data[i + 2]! - rgb[2]) <= tolerance
    )
      near++;
  }
  return near / (data.length / 4);
}

/** Init script: keeps the body's HTML as parsed, before any content script runs (it runs at document_idle). */
export function keepBodyAtLoad(): void {
  document.addEventListener('DOMContentLoaded', () => {
    (window as unknown as { __bodyAtLoad: string }).__bodyAtLoad = document.body.innerHTML;
  });
}

/** Whether the body is byte-identical to what it was when the document finished parsing. */
export function bodyMatchesLoad(): { same: boolean; live: number; atLoad: number } {
  const atLoad = (window as unknown as { __bodyAtLoad?: string }).__bodyAtLoad ?? '';
  const live = document.body.innerHTML;
  return { same: live === atLoad, live: live.length, atLoad: atLoad.length };
}

/** Names of `apt-lens` performance measures the content script recorded. */
export function scanMeasures(): number[] {
  return performance.getEntriesByName('apt-lens:scan').map((e) => e.duration);
}

/**
 * In an extension page: sends `message` to every tab's content script, the way the background does for a
 * menu or keyboard command, and returns who answered. Extension pages see no tab URLs without the `tabs`
 * permission, so a test cannot pick the page's tab by URL; only the tab with our content script answers.
 */
export async function messageEveryTab(message: unknown): Promise<{ tabId: number; answer: unknown }[]> {
  interface TabsApi {
    tabs: {
      query(q: object): Promise<{ id?: number }[]>;
      sendMessage(id: number, m: unknown): Promise<unknown>;
    };
  }
  const g = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
  const api = g.browser ?? g.chrome;
  const out: { tabId: number; answer: unknown }[] = [];
  for (const tab of await api.tabs.query({})) {
    const answer = await api.tabs.sendMessage(tab.id!, message).catch(() => undefined);
    if (answer !== undefined) out.push({ tabId: tab.id!, answer });
  }
  return out;
}

/** In an extension page: sends `message` to the background, as the extension's own pages do, and returns its answer. */
export function sendToBackground(message: unknown): Promise<unknown> {
  type Api = { runtime: { sendMessage(m: unknown): Promise<unknown> } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  return (g.browser ?? g.chrome).runtime.sendMessage(message);
}

/** Types into an input the way a user does (value + input event); the input is found by `selector`. */
export function typeInto([selector, text]: [string, string]): void {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * In the page: the text of the painted name (a range in the public actor/agency highlights) whose first
 * line box is at `rect`, or null. Lets a test read what a private mark (drawn in the closed shadow root)
 * sits on.
 */
export function paintedTextAt(rect: { x: number; y: number; width: number; height: number }): string | null {
  const near = (a: number, b: number) => Math.abs(a - b) < 1.5;
  for (const [, h] of CSS.highlights) {
    for (const r of h as unknown as Iterable<Range>) {
      const box = r.getClientRects()[0];
      if (box && near(box.left, rect.x) && near(box.top, rect.y) && near(box.width, rect.width)) {
        return r.toString();
      }
    }
  }
  return null;
}
