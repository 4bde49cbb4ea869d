/**
 * Turns a DOM subtree into one flat string for the matcher, plus a map back from string offsets to text
 * nodes. Inline elements are joined ("APT<b>31</b>" reads "APT31"); blocks are separated by "\n", which
 * the matcher treats as a hard break.
 */

/** One text node's place in the flat text. */
export interface Segment {
  node: Text;
  /** Offset of the node's first character in `PageText.text`. */
  start: number;
}

/** The visible text of a subtree and where each part came from. */
export interface PageText {
  text: string;
  segments: Segment[];
}

/**
 * Elements whose text is never scanned: code, form fields, non-rendered content, our own UI. Keyed by
 * `localName`, which the browser stores lower case; `tagName` would build an upper-case string per call.
 */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'kbd',
  'samp',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'head',
  'title',
  'apt-lens-ui',
]);

/** Elements that flow inside a line: text on both sides belongs to the same block. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'del',
  'label',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
]);

/** The name of the custom element that hosts APT Lens's UI: collection skips it. */
export const UI_HOST_TAG = 'apt-lens-ui';

/** Whether an element's subtree is left out of the scan (skipped tag, editable, hidden). */
export function isSkipped(el: Element): boolean {
  if (SKIPPED.has(el.localName)) return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return false;
}

/** Whether an element flows inside a line (its text joins its neighbours' into one block). */
export function isInline(el: Element): boolean {
  return INLINE.has(el.localName);
}

function blockOf(node: Node, root: Node): Node {
  let el = node.parentElement;
  while (el && el !== root && INLINE.has(el.localName)) el = el.parentElement;
  return el ?? root;
}

/**
 * Collects the scannable text under `root`, in document order, entering open shadow roots. (Frames scan
 * themselves: the content script runs in every frame.)
 */
export function collectText(root: Node): PageText {
  const collector = new TextCollector(root);
  collector.run(() => false);
  return collector.result();
}

/** How many nodes are visited between two looks at the clock. */
const NODES_PER_CHECK = 256;

/**
 * A collection that can stop and resume, so that reading a very large DOM is cut into tasks as matching
 * is (one walk over the largest corpus page took a frame and more on its own).
 */
export class TextCollector {
  private readonly doc: Document;
  private readonly parts: string[] = [];
  private readonly segments: Segment[] = [];
  private length = 0;
  private lastBlock: Node | null = null;
  /** How many parts `take` has handed out. */
  private taken = 0;
  // Neighbouring text nodes mostly share a parent, so its block is looked up once.
  private lastParent: Node | null = null;
  private parentBlock: Node | null = null;
  /** One walk per tree being read: the document, then each open shadow root met, innermost last. */
  private readonly stack: { walker: TreeWalker; start: Node; next: Node | null }[] = [];

  constructor(root: Node) {
    this.doc = root.ownerDocument ?? (root as Document);
    this.enter(root);
  }

  /**
   * Walks on until the text is complete or `stop()` says to yield (asked every few hundred nodes);
   * returns whether the text is complete.
   */
  run(stop: () => boolean): boolean {
    let visited = 0;
    while (this.stack.length > 0) {
      const f = this.stack[this.stack.length - 1]!;
      const n = f.next;
      if (!n) {
        this.stack.pop();
        continue;
      }
      if (++visited % NODES_PER_CHECK === 0 && stop()) return false;
      if (n.nodeType === 1) {
        const el = n as Element;
        if (isSkipped(el)) {
          f.next = nextOutside(f.walker, f.start);
          continue;
        }
        f.next = f.walker.nextNode();
        // A line break ends a run of text as a block does.
        if (el.localName === 'br') this.lastBlock = null;
        // The shadow tree is read before the host's light children, where it renders.
        const shadow = el.shadowRoot;
        if (shadow) this.enter(shadow);
        continue;
      }
      f.next = f.walker.nextNode();
      const data = (n as Text).data;
      if (!data) continue;
      const parent = n.parentNode;
      if (parent !== this.lastParent) {
        this.lastParent = parent;
        this.parentBlock = blockOf(n, f.start);
      }
      if (this.parentBlock !== this.lastBlock) {
        if (this.length > 0) {
          this.parts.push('\n');
          this.length += 1;
        }
        this.lastBlock = this.parentBlock;
      }
      this.segments.push({ node: n as Text, start: this.length });
      // Source formatting puts raw newlines inside text nodes; one space each keeps offsets and
      // leaves "\n" to mean a block break only.
      this.parts.push(data.replace(/[\n\r\t\f]/g, ' '));
      this.length += data.length;
    }
    return true;
  }

  /** The text read since the last call (the first stage asks about it while the walk goes on). */
  take(): string {
    const text = this.parts.slice(this.taken).join('');
    this.taken = this.parts.length;
    return text;
  }

  /** The text read so far (all of it once `run` has returned true). */
  result(): PageText {
    return { text: this.parts.join(''), segments: this.segments };
  }

  private enter(start: Node): void {
    // No filter callback: calling into script for every node costs more than the walk itself. Skipped
    // subtrees are stepped over by hand instead.
    const walker = this.doc.createTreeWalker(start, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
    this.stack.push({ walker, start, next: walker.nextNode() });
  }
}

/** Moves the walker past the current node's subtree; returns the next node, or null at the end. */
function nextOutside(walker: TreeWalker, start: Node): Node | null {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    const parent = walker.parentNode();
    if (!parent || parent === start) return null;
  }
}

/**
 * Maps an offset of `PageText.text` to a text node and an offset inside it (binary search). A mention's
 * end is looked up with `asEnd`, so that it lands at the end of the node it finishes in, not the start of
 * the next one.
 */
export function locate(
  page: PageText,
  offset: number,
  asEnd = false,
): { node: Text; offset: number } | undefined {
  const segs = page.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid]!;
    const local = offset - s.start;
    const len = s.node.data.length;
    if (asEnd ? local <= 0 : local < 0) hi = mid - 1;
    else if (asEnd ? local > len : local >= len) lo = mid + 1;
    else return { node: s.node, offset: local };
  }
  return undefined;
}
