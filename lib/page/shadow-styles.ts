/**
 * In Firefox a document's `::highlight()` rules do not reach into shadow trees (Chromium carries them in
 * from the host), so text APT Lens paints inside an open shadow root would be registered but invisible.
 * Each shadow root that holds painted text gets the same rules as one adopted style sheet, appended after
 * the page's own and taken out again on stop. The e2e test checks the pixels in both browsers.
 */

/** Adds the highlight rules to the shadow roots that need them, and removes them again. */
export class ShadowStyles {
  private sheet: CSSStyleSheet | undefined;
  private readonly roots = new Set<ShadowRoot>();

  constructor(
    private readonly css: string,
    private readonly makeSheet: () => CSSStyleSheet = () => new CSSStyleSheet(),
  ) {}

  /** Makes sure every shadow root that holds one of the ranges can show highlights. */
  cover(ranges: Iterable<AbstractRange>): void {
    for (const range of ranges) {
      const root = range.startContainer.getRootNode();
      if (!isShadowRoot(root) || this.roots.has(root)) continue;
      this.sheet ??= this.newSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
      this.roots.add(root);
    }
  }

  /** Takes the rules out of every shadow root they were added to, leaving the page's own sheets. */
  release(): void {
    for (const root of this.roots) {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
    }
    this.roots.clear();
  }

  private newSheet(): CSSStyleSheet {
    const sheet = this.makeSheet();
    sheet.replaceSync(this.css);
    return sheet;
  }
}

/** A shadow root, told by shape: `instanceof` fails across the content script's world boundary. */
function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 /* DOCUMENT_FRAGMENT_NODE */ && 'host' in node;
}
