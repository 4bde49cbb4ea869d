// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { AddressTracker, declaredCanonical } from '../../lib/url/canonical';

function doc(head: string, url = 'https://news.example/a?x=1'): Document {
  const d = document.implementation.createHTMLDocument('t');
  d.head.innerHTML = head;
  const base = d.createElement('base');
  base.href = url;
  d.head.prepend(base);
  return d;
}

describe('declaredCanonical', () => {
  it('reads <link rel=canonical>, resolved against the page', () => {
    expect(declaredCanonical(doc('<link rel="canonical" href="/story/5">'))).toBe(
      'https://news.example/story/5',
    );
    expect(declaredCanonical(doc('<link rel="Canonical alternate" href="https://news.example/s">'))).toBe(
      'https://news.example/s',
    );
  });

  it('falls back to og:url, and is undefined without either', () => {
    expect(declaredCanonical(doc('<meta property="og:url" content="https://news.example/og">'))).toBe(
      'https://news.example/og',
    );
    expect(declaredCanonical(doc('<link rel="icon" href="/a.ico">'))).toBeUndefined();
  });
});

describe('AddressTracker', () => {
  it('claims the canonical of the first article, and of a later one only when the site updated it', () => {
    const t = new AddressTracker();
    expect(t.claim('https://spa.example/1', 'https://spa.example/1')).toEqual({
      location: 'https://spa.example/1',
      canonical: 'https://spa.example/1',
    });
    // A resend of the same page keeps it.
    expect(t.claim('https://spa.example/1', 'https://spa.example/1').canonical).toBe('https://spa.example/1');
    // pushState to article 2, canonical left behind: the location stands.
    expect(t.claim('https://spa.example/2', 'https://spa.example/1')).toEqual({
      location: 'https://spa.example/2',
    });
    // Article 3 with its canonical updated: claimed.
    expect(t.claim('https://spa.example/3', 'https://spa.example/3').canonical).toBe('https://spa.example/3');
  });
});
