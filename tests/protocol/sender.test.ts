import { describe, expect, it } from 'vitest';
import {
  ALLOWED,
  authorize,
  type Request,
  reportSource,
  type SenderKind,
  senderKind,
} from '../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { makeIncident } from '../incidents/make';

const id = 'abc';
const origin = 'chrome-extension://abc/';

describe('senderKind', () => {
  it.each([
    [{ id, url: 'https://news.example/a', tab: {} }, 'content-script'],
    [{ id, url: 'chrome-extension://abc/dashboard.html' }, 'extension-page'],
    // An extension page shown in a tab (the dashboard) or framed in one (the capture form) is still ours.
    [{ id, url: 'chrome-extension://abc/capture.html', tab: {} }, 'extension-page'],
    [{ id: 'other', url: 'https://news.example/a', tab: {} }, 'untrusted'],
    [{ id: 'other', url: 'chrome-extension://abc/dashboard.html' }, 'untrusted'],
    [{ id, url: 'https://evil.example/' }, 'untrusted'],
    [{ id, tab: {} }, 'untrusted'],
    [{}, 'untrusted'],
  ] as const)('%j is a %s', (sender, kind) => {
    expect(senderKind(sender, id, origin)).toBe(kind);
  });
});

const inc = makeIncident(1);
const { id: _id, createdAt: _c, updatedAt: _u, site: _s, ...draft } = inc;
/** One request of each type. */
const requests: Record<Request['type'], Request> = {
  'kb:entity': { type: 'kb:entity', id: 'apt31' },
  'incidents:for-page': { type: 'incidents:for-page', url: 'https://news.example/a' },
  'incidents:save': { type: 'incidents:save', draft },
  'incidents:tags': { type: 'incidents:tags' },
  'incidents:update': { type: 'incidents:update', incident: inc },
  'incidents:delete': { type: 'incidents:delete', ids: [inc.id] },
  'incidents:restore': { type: 'incidents:restore', incidents: [inc] },
  'incidents:tag': { type: 'incidents:tag', ids: [inc.id], tag: 'x' },
  'backup:export': { type: 'backup:export' },
  'backup:import': { type: 'backup:import', text: '{}', apply: true },
  'overlay:write': { type: 'overlay:write', batch: { remove: ['ours-x'] } },
  'overlay:import': { type: 'overlay:import', text: '{}', apply: true },
  'sightings:page': { type: 'sightings:page', title: 'A', visit: true, entities: [] },
  'sightings:clear': { type: 'sightings:clear' },
  'settings:get': { type: 'settings:get' },
  'settings:change': { type: 'settings:change', change: { op: 'set', values: { style: 'underline' } } },
  'settings:put': { type: 'settings:put', settings: { ...DEFAULT_SETTINGS } },
  'settings:page': { type: 'settings:page' },
  'settings:watch': { type: 'settings:watch', id: 'apt31', watched: true },
  'settings:not-on-site': { type: 'settings:not-on-site', id: 'apt31' },
};

/** The whole table, written out: a change to who may do what has to change this test too. */
const expected: Record<Request['type'], Record<SenderKind, boolean>> = {
  'kb:entity': { 'extension-page': true, 'content-script': true, untrusted: false },
  'incidents:for-page': { 'extension-page': true, 'content-script': true, untrusted: false },
  'incidents:save': { 'extension-page': true, 'content-script': true, untrusted: false },
  'incidents:tags': { 'extension-page': true, 'content-script': true, untrusted: false },
  'incidents:update': { 'extension-page': true, 'content-script': false, untrusted: false },
  'incidents:delete': { 'extension-page': true, 'content-script': false, untrusted: false },
  'incidents:restore': { 'extension-page': true, 'content-script': false, untrusted: false },
  'incidents:tag': { 'extension-page': true, 'content-script': false, untrusted: false },
  'backup:export': { 'extension-page': true, 'content-script': false, untrusted: false },
  'backup:import': { 'extension-page': true, 'content-script': false, untrusted: false },
  'overlay:write': { 'extension-page': true, 'content-script': false, untrusted: false },
  'overlay:import': { 'extension-page': true, 'content-script': false, untrusted: false },
  // Only a page's own content script reports what it names; an extension page has no page to report.
  'sightings:page': { 'extension-page': false, 'content-script': true, untrusted: false },
  'sightings:clear': { 'extension-page': true, 'content-script': false, untrusted: false },
  // The whole settings only to extension pages; a content script its own site's view and its card's changes.
  'settings:get': { 'extension-page': true, 'content-script': false, untrusted: false },
  'settings:change': { 'extension-page': true, 'content-script': false, untrusted: false },
  'settings:put': { 'extension-page': true, 'content-script': false, untrusted: false },
  'settings:page': { 'extension-page': false, 'content-script': true, untrusted: false },
  'settings:watch': { 'extension-page': false, 'content-script': true, untrusted: false },
  'settings:not-on-site': { 'extension-page': false, 'content-script': true, untrusted: false },
};

describe('authorize', () => {
  const cases = Object.entries(expected).flatMap(([type, row]) =>
    Object.entries(row).map(([kind, ok]) => [type as Request['type'], kind as SenderKind, ok] as const),
  );
  it.each(cases)('%s from a %s: allowed %s', (type, kind, ok) => {
    const out = authorize(requests[type], kind, 'https://news.example/a');
    expect(out !== undefined).toBe(ok);
  });

  it('covers every request type', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual(Object.keys(expected).sort());
  });

  it("gives a content script its own page's incidents, whatever URL it names", () => {
    const req = { type: 'incidents:for-page', url: 'https://bank.example/secret' } as const;
    expect(authorize(req, 'content-script', 'https://news.example/a#top')).toEqual({
      type: 'incidents:for-page',
      url: 'https://news.example/a#top',
    });
    expect(authorize(req, 'content-script', undefined)).toBeUndefined();
    expect(authorize(req, 'extension-page', undefined)).toEqual(req);
    // A single-page site's later article: a location of the sender's own origin stands.
    expect(
      authorize(
        { type: 'incidents:for-page', url: 'https://news.example/b' },
        'content-script',
        'https://news.example/a',
      ),
    ).toEqual({ type: 'incidents:for-page', url: 'https://news.example/b' });
  });

  it("saves a content script's incident under its own page, never another site's", () => {
    const req = { type: 'incidents:save', draft: { ...draft, url: 'https://bank.example/login' } } as const;
    const out = authorize(req, 'content-script', 'https://news.example/a');
    expect(out).toEqual({ ...req, draft: { ...draft, url: 'https://news.example/a' } });
    const spa = { type: 'incidents:save', draft: { ...draft, url: 'https://news.example/later' } } as const;
    expect(authorize(spa, 'content-script', 'https://news.example/a')).toEqual(spa);
    // An extension page (the dashboard saving a sighting) names the page itself.
    expect(authorize(req, 'extension-page', undefined)).toEqual(req);
  });

  it("lists a content script only its own site's tags", () => {
    expect(
      authorize({ type: 'incidents:tags', site: 'bank.example' }, 'content-script', 'https://news.example/a'),
    ).toEqual({
      type: 'incidents:tags',
      site: 'news.example',
    });
    expect(authorize({ type: 'incidents:tags' }, 'extension-page', undefined)).toEqual({
      type: 'incidents:tags',
    });
  });
});

describe('reportSource', () => {
  const tab = { id: 7, incognito: false };
  it.each([
    // Credentials, fragment and query string are not kept.
    [
      { url: 'https://user:pw@news.example/a?token=1#section', tab, frameId: 0 },
      { tabId: 7, url: 'https://news.example/a', recordable: true, senderHost: 'news.example' },
    ],
    [
      { url: 'http://127.0.0.1:8080/p', tab, frameId: 0 },
      { tabId: 7, url: 'http://127.0.0.1:8080/p', recordable: true, senderHost: '127.0.0.1' },
    ],
    // A private window's tab still gets its badge, and is never recorded.
    [
      { url: 'https://news.example/a', tab: { id: 7, incognito: true }, frameId: 0 },
      { tabId: 7, url: 'https://news.example/a', recordable: false, senderHost: 'news.example' },
    ],
    // Only web pages are recorded (a local file, a data: page is not somewhere one "read" about anything).
    [
      { url: 'file:///home/me/a.html', tab, frameId: 0 },
      { tabId: 7, url: 'file:///home/me/a.html', recordable: false, senderHost: '' },
    ],
    [{ url: 'https://news.example/frame', tab, frameId: 3 }, undefined],
    [{ url: 'https://news.example/a', frameId: 0 }, undefined],
    [{ url: 'https://news.example/a', tab: {}, frameId: 0 }, undefined],
    [{ tab, frameId: 0 }, undefined],
    [{ url: 'not a url', tab, frameId: 0 }, undefined],
  ] as const)('%j gives %j', (sender, source) => {
    expect(reportSource(sender)).toEqual(source);
  });

  it('files the page under the address it claims only when it is of its own site', () => {
    const sender = { url: 'https://news.example/app?s=1', tab, frameId: 0 };
    expect(reportSource(sender, { location: 'https://news.example/story/2?utm_source=x' })?.url).toBe(
      'https://news.example/story/2',
    );
    expect(reportSource(sender, { canonical: 'https://www.news.example/s?id=2' })?.url).toBe(
      'https://www.news.example/s?id=2',
    );
    expect(
      reportSource(sender, { location: 'https://victim.example/', canonical: 'https://victim.example/' })
        ?.url,
    ).toBe('https://news.example/app');
    expect(reportSource(sender, {}, { keepQuery: true })?.url).toBe('https://news.example/app?s=1');
  });
});
