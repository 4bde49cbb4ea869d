import { describe, expect, it } from 'vitest';
import { cleanUrl, isTrackingParam, pageAddress, sameSite } from '../../lib/url/clean';

describe('cleanUrl', () => {
  it('drops credentials, fragment and the query string', () => {
    expect(cleanUrl('https://user:secret@news.example/a/b?token=abc&id=5#comments')).toBe(
      'https://news.example/a/b',
    );
  });

  it('keeps the query but for tracking parameters when the reader keeps query strings', () => {
    expect(
      cleanUrl('https://news.example/story.php?id=5&utm_source=x&utm_medium=y&fbclid=z&page=2#top', {
        keepQuery: true,
      }),
    ).toBe('https://news.example/story.php?id=5&page=2');
    expect(cleanUrl('https://news.example/a?gclid=1&utm_campaign=2', { keepQuery: true })).toBe(
      'https://news.example/a',
    );
  });

  it('refuses what is not a web address', () => {
    for (const raw of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'not a url', ''])
      expect(cleanUrl(raw)).toBeUndefined();
  });

  it('knows the common tracking parameters and leaves the others', () => {
    for (const p of ['utm_source', 'UTM_Content', 'fbclid', 'gclid', 'msclkid', 'mc_eid', '_hsenc', 'igshid'])
      expect(isTrackingParam(p)).toBe(true);
    for (const p of ['id', 'p', 'article', 'page', 'q', 'token']) expect(isTrackingParam(p)).toBe(false);
  });
});

describe('sameSite', () => {
  it.each([
    ['https://news.example/a', 'https://news.example/b', true],
    ['https://news.example/a', 'https://www.news.example/a', true],
    ['http://news.example/a', 'https://news.example/a', true],
    ['https://news.example/a', 'http://news.example/a', false],
    ['https://news.example/a', 'https://evil.example/a', false],
    ['https://news.example/a', 'https://news.example.evil.example/a', false],
    ['https://news.example/a', 'https://news.example:8443/a', false],
    ['https://news.example/a', 'javascript:alert(1)', false],
  ])('%s may name %s: %s', (page, claimed, ok) => {
    expect(sameSite(page, claimed)).toBe(ok);
  });
});

describe('pageAddress', () => {
  const sender = 'https://user:pw@news.example/app?session=s3cret#x';

  it('files a page under its canonical address when it is of the same site, its tracking removed', () => {
    expect(
      pageAddress(sender, { canonical: 'https://www.news.example/story.php?id=5&utm_source=feed' }),
    ).toBe('https://www.news.example/story.php?id=5');
  });

  it("never files a page under another site's address", () => {
    expect(pageAddress(sender, { canonical: 'https://victim.example/story' })).toBe(
      'https://news.example/app',
    );
    expect(pageAddress(sender, { location: 'https://victim.example/story' })).toBe(
      'https://news.example/app',
    );
  });

  it("files a single-page site's later article under its own location (same origin only)", () => {
    expect(pageAddress(sender, { location: 'https://news.example/article/2?ref=home#p3' })).toBe(
      'https://news.example/article/2',
    );
  });

  it('keeps the query of the location only when the reader keeps query strings', () => {
    const location = 'https://news.example/read?id=7&utm_medium=social';
    expect(pageAddress(sender, { location })).toBe('https://news.example/read');
    expect(pageAddress(sender, { location }, { keepQuery: true })).toBe('https://news.example/read?id=7');
  });

  it('has no address for a page that is not on the web', () => {
    expect(pageAddress('file:///home/me/a.html', { location: 'file:///home/me/a.html' })).toBeUndefined();
    expect(pageAddress('not a url')).toBeUndefined();
  });
});
