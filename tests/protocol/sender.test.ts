import { describe, expect, it } from 'vitest';
import {
  ALLOWED,
  authorize,
  type Request,
  reportSource,
  type SenderKind,
  senderKind,
} from '../../lib/protocol';
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
  'incidents:import': { type: 'incidents:import', text: '{}', apply: true },
  'overlay:write': { type: 'overlay:write', batch: { remove: ['ours-x'] } },
  'overlay:import': { type: 'overlay:import', text: '{}', apply: true },
  'sightings:page': { type: 'sightings:page', title: 'A', visit: true, entities: [] },
  'sightings:clear': { type: 'sightings:clear' },
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
  'incidents:import': { 'extension-page': true, 'content-script': false, untrusted: false },
  'overlay:write': { 'extension-page': true, 'content-script': false, untrusted: false },
  'overlay:import': { 'extension-page': true, 'content-script': false, untrusted: false },
  // Only a page's own content script reports what it names; an extension page has no page to report.
  'sightings:page': { 'extension-page': false, 'content-script': true, untrusted: false },
  'sightings:clear': { 'extension-page': true, 'content-script': false, untrusted: false },
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
  });
});

describe('reportSource', () => {
  const tab = { id: 7, incognito: false };
  it.each([
    [
      { url: 'https://news.example/a?b=1#section', tab, frameId: 0 },
      { tabId: 7, url: 'https://news.example/a?b=1', recordable: true },
    ],
    [
      { url: 'http://127.0.0.1:8080/p', tab, frameId: 0 },
      { tabId: 7, url: 'http://127.0.0.1:8080/p', recordable: true },
    ],
    // A private window's tab still gets its badge, and is never recorded.
    [
      { url: 'https://news.example/a', tab: { id: 7, incognito: true }, frameId: 0 },
      { tabId: 7, url: 'https://news.example/a', recordable: false },
    ],
    // Only web pages are recorded (a local file, a data: page is not somewhere one "read" about anything).
    [
      { url: 'file:///home/me/a.html', tab, frameId: 0 },
      { tabId: 7, url: 'file:///home/me/a.html', recordable: false },
    ],
    [{ url: 'https://news.example/frame', tab, frameId: 3 }, undefined],
    [{ url: 'https://news.example/a', frameId: 0 }, undefined],
    [{ url: 'https://news.example/a', tab: {}, frameId: 0 }, undefined],
    [{ tab, frameId: 0 }, undefined],
    [{ url: 'not a url', tab, frameId: 0 }, undefined],
  ] as const)('%j gives %j', (sender, source) => {
    expect(reportSource(sender)).toEqual(source);
  });
});
