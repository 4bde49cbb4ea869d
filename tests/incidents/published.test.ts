// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { dayOf, publishedDate } from '../../lib/incidents/published';

const page = (head: string, body = '') => {
  const doc = document.implementation.createHTMLDocument('t');
  doc.head.innerHTML = head;
  doc.body.innerHTML = body;
  return doc;
};

describe('dayOf', () => {
  it.each([
    ['2025-05-28T09:30:00+02:00', '2025-05-28'],
    // The day the page writes, not its UTC day.
    ['2025-05-28T23:30:00-04:00', '2025-05-28'],
    ['2025-05-28', '2025-05-28'],
    ['May 28, 2025', '2025-05-28'],
    ['Wed 28 May 2025 10:02 BST', '2025-05-28'],
    ['Sept. 3, 2024', '2024-09-03'],
    ['2025/05/28', '2025-05-28'],
    ['February 30, 2025', undefined],
    ['yesterday', undefined],
  ])('%s → %s', (value, day) => {
    expect(dayOf(value)).toBe(day);
  });
});

describe('publishedDate', () => {
  it.each([
    ['Open Graph', '<meta property="article:published_time" content="2025-05-28T08:00:00Z">', ''],
    ['Dublin Core', '<meta name="DC.date.issued" content="2025-05-28">', ''],
    ['Parse.ly', '<meta name="parsely-pub-date" content="2025-05-28T08:00:00Z">', ''],
    ['microdata meta', '<meta itemprop="datePublished" content="2025-05-28">', ''],
    ['microdata element', '', '<span itemprop="datePublished" datetime="2025-05-28">28 May</span>'],
    [
      'JSON-LD in a @graph',
      '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-05-28T07:00:00+01:00"}]}</script>',
      '',
    ],
    ['JSON-LD list', '<script type="application/ld+json">[{"datePublished":"May 28, 2025"}]</script>', ''],
    [
      '<time> in the header',
      '',
      '<header><time datetime="2025-05-28">Wednesday</time></header><p>In 2024 …</p>',
    ],
    ['a byline', '', '<p class="byline">By the desk · 28 May 2025</p><p>Since May 2, 2022 …</p>'],
    ['a dateline', '', '<article>PRAGUE, May 28, 2025 — The Czech government said …</article>'],
  ])('reads %s', (_, head, body) => {
    expect(publishedDate(page(head, body))).toBe('2025-05-28');
  });

  it('prefers the publication metadata to a <time> of the text', () => {
    const doc = page(
      '<meta property="article:published_time" content="2025-05-28T08:00:00Z">',
      '<article><time datetime="2022-01-01">the breach began</time></article>',
    );
    expect(publishedDate(doc)).toBe('2025-05-28');
  });

  it('skips broken JSON-LD and says nothing when the page gives no date', () => {
    expect(publishedDate(page('<script type="application/ld+json">{not json</script>'))).toBeUndefined();
    expect(
      publishedDate(
        page('', '<article>The group has been active since May 2, 2022, officials said.</article>'),
      ),
    ).toBeUndefined();
  });
});

describe('publishedDate on JSON-LD wrapped in CDATA', () => {
  it.each([
    '<script type="application/ld+json">\n<![CDATA[\n{"datePublished":"2025-05-28T07:00:00Z"}\n]]>\n</script>',
    '<script type="application/ld+json">//<![CDATA[\n{"datePublished":"2025-05-28"}\n//]]></script>',
  ])('reads %s', (head) => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.head.innerHTML = head;
    expect(publishedDate(doc)).toBe('2025-05-28');
  });
});

describe('publishedDate and class names', () => {
  it('reads a "pub-date" line but not an "updated" one', () => {
    const doc = (body: string) => {
      const d = document.implementation.createHTMLDocument('t');
      d.body.innerHTML = body;
      return d;
    };
    expect(publishedDate(doc('<span class="pub-date">May 28, 2025</span>'))).toBe('2025-05-28');
    expect(
      publishedDate(doc('<span class="bday dtstart published updated">1998-02-28</span>')),
    ).toBeUndefined();
  });
});
