// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { reportSource } from '../../lib/page/report-source';

/** A document at `url` (its base), with `head` markup. */
function docAt(url: string, head = ''): Document {
  const d = document.implementation.createHTMLDocument('A story');
  const base = d.createElement('base');
  base.href = url;
  d.head.append(base);
  d.head.insertAdjacentHTML('beforeend', head);
  Object.defineProperty(d, 'URL', { value: url });
  return d;
}

describe('reportSource', () => {
  it('writes the address without credentials, query string or fragment', () => {
    expect(reportSource(docAt('https://user:pw@news.example/a?token=s3cret#p2'), []).url).toBe(
      'https://news.example/a',
    );
  });

  it("writes the page's canonical address when it is of the same site, never another site's", () => {
    const same = docAt(
      'https://news.example/a?utm_source=x',
      '<link rel="canonical" href="/story?id=7&fbclid=1">',
    );
    expect(reportSource(same, []).url).toBe('https://news.example/story?id=7');
    const other = docAt('https://news.example/a', '<link rel="canonical" href="https://victim.example/s">');
    expect(reportSource(other, []).url).toBe('https://news.example/a');
  });
});
