import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isWebUrl, uriForm } from '../../lib/fields/formats';
import { DraftSchema } from '../../lib/incidents/schema';
import { makeIncident } from '../incidents/make';

describe('uriForm: a browser’s address as RFC 3986 writes it', () => {
  it.each([
    ['https://example.org/a|b^c', 'https://example.org/a%7Cb%5Ec'],
    ['https://example.org/list?filter[tag]=x', 'https://example.org/list?filter%5Btag%5D=x'],
    ['https://example.org/a#one#two', 'https://example.org/a#one%23two'],
    ['https://example.org/100%', 'https://example.org/100%25'],
    ['https://example.org/with space', 'https://example.org/with%20space'],
    ['https://exämple.org/ü', 'https://xn--exmple-cua.org/%C3%BC'],
    ['http://[::1]:8080/x', 'http://[::1]:8080/x'],
    ['https://example.org/a%20b?q=1#f', 'https://example.org/a%20b?q=1#f'],
  ])('%s → %s, which the published schema accepts', (given, written) => {
    expect(uriForm(given)).toBe(written);
    expect(isWebUrl(uriForm(given))).toBe(true);
  });

  it('leaves what does not parse as it is, for the checks to refuse', () => {
    expect(uriForm('https://exa mple.org/')).toBe('https://exa mple.org/');
    expect(isWebUrl(uriForm('https://exa mple.org/'))).toBe(false);
  });

  it('is how a captured draft’s address is saved', () => {
    const { id, createdAt, updatedAt, site, ...draft } = makeIncident(1);
    const r = v.safeParse(DraftSchema, { ...draft, url: 'https://example.org/a|b?x[1]=2' });
    expect(r.success && r.output.url).toBe('https://example.org/a%7Cb?x%5B1%5D=2');
  });
});
