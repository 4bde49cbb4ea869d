// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ShadowStyles } from '../../lib/page/shadow-styles';

const CSS_TEXT = '::highlight(apt-lens-actor) { background-color: orange; }';

function shadowWithText(): { root: ShadowRoot; text: Text } {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<p>Fancy Bear</p>';
  return { root, text: root.querySelector('p')!.firstChild as Text };
}

function rangeOver(text: Text): Range {
  const r = document.createRange();
  r.setStart(text, 0);
  r.setEnd(text, 5);
  return r;
}

describe('ShadowStyles', () => {
  it('adds the rules after the page’s own sheets, once per shadow root, and takes them out again', () => {
    const { root, text } = shadowWithText();
    const own = new CSSStyleSheet();
    root.adoptedStyleSheets = [own];
    const styles = new ShadowStyles(CSS_TEXT);
    styles.cover([rangeOver(text), rangeOver(text)]);
    expect(root.adoptedStyleSheets).toHaveLength(2);
    expect(root.adoptedStyleSheets[0]).toBe(own);
    styles.release();
    expect(root.adoptedStyleSheets).toEqual([own]);
  });

  it('leaves the document and its ranges alone', () => {
    const p = document.createElement('p');
    p.textContent = 'APT31 and more';
    document.body.append(p);
    let made = 0;
    const styles = new ShadowStyles(CSS_TEXT, () => {
      made++;
      return new CSSStyleSheet();
    });
    styles.cover([rangeOver(p.firstChild as Text)]);
    expect(made).toBe(0);
    expect(document.adoptedStyleSheets ?? []).toHaveLength(0);
  });
});
