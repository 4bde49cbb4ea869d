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
  const doc = root.ownerDocument ?? (root as Document);
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  // Neighbouring text nodes mostly share a parent, so its block is looked up once.
  let lastParent: Node | null = null;
  let parentBlock: Node | null = null;

  const walk = (start: Node): void => {
    // No filter callback: calling into script for every node costs more than the walk itself. Skipped
    // subtrees are stepped over by hand instead.
    const walker = doc.createTreeWalker(start, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
    let n: Node | null = walker.nextNode();
    while (n) {
      if (n.nodeType === 1) {
        const el = n as Element;
        if (isSkipped(el)) {
          n = nextOutside(walker, start);
          continue;
        }
        // A line break ends a run of text as a block does.
        if (el.localName === 'br') lastBlock = null;
        const shadow = el.shadowRoot;
        if (shadow) walk(shadow);
      } else {
        const data = (n as Text).data;
        if (data) {
          const parent = n.parentNode;
          if (parent !== lastParent) {
            lastParent = parent;
            parentBlock = blockOf(n, start);
          }
          const block = parentBlock;
          if (block !== lastBlock) {
            if (length > 0) {
              parts.push('\n');
              length += 1;
            }
            lastBlock = block;
          }
          segments.push({ node: n as Text, start: length });
          // Source formatting puts raw newlines inside text nodes; one space each keeps offsets and
          // leaves "\n" to mean a block break only.
          parts.push(data.replace(/[\n\r\t\f]/g, ' '));
          length += data.length;
        }
      }
      n = walker.nextNode();
    }
  };
  walk(root);
  return { text: parts.join(''), segments };
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
