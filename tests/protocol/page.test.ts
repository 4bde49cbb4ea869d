import { describe, expect, it } from 'vitest';
import {
  isExtensionSender,
  parsePageReportSource,
  parsePageRequest,
  REPORT_LIMITS,
  summarize,
} from '../../lib/protocol';

describe('page messages', () => {
  it.each([
    [{ type: 'page:navigate', direction: 1 }, true],
    [{ type: 'page:navigate', direction: 2 }, false],
    [{ type: 'page:summary' }, true],
    [{ type: 'page:reveal', id: 'apt31' }, true],
    [{ type: 'page:reveal', id: 'APT 31' }, false],
    [{ type: 'kb:entity', id: 'apt31' }, false],
    [{ type: 'capture:open' }, true],
    [{ type: 'page:report' }, true],
    [{ type: 'capture:open', extra: '<script>' }, true],
    ['capture:open', false],
    [JSON.parse('{"__proto__":{"type":"page:summary"}}'), false],
    [null, false],
  ])('%j valid: %s', (msg, ok) => {
    expect(parsePageRequest(msg) !== undefined).toBe(ok);
  });

  it('summarizes by entity, with counts, in order of first appearance', () => {
    const a = { id: 'apt31', kind: 'actor' as const, name: 'APT31' };
    const b = { id: 'cz-nukib', kind: 'agency' as const, name: 'NÚKIB' };
    expect(summarize([b, a, b])).toEqual([
      { ...b, count: 2 },
      { ...a, count: 1 },
    ]);
  });
});

describe('page report source (the content script’s answer, checked by the popup)', () => {
  const good = {
    url: 'https://news.example/a',
    title: 'A story',
    entities: [{ id: 'apt31', kind: 'actor', name: 'APT31', count: 2, sentence: 'APT31 struck.' }],
  };
  it('accepts a well-formed source and drops unknown keys', () => {
    expect(parsePageReportSource({ ...good, extra: 1 })).toEqual(good);
  });
  it.each([
    ['a bad id', { ...good, entities: [{ ...good.entities[0], id: 'APT 31' }] }],
    ['a bad kind', { ...good, entities: [{ ...good.entities[0], kind: 'malware' }] }],
    ['a zero count', { ...good, entities: [{ ...good.entities[0], count: 0 }] }],
    ['a huge title', { ...good, title: 'x'.repeat(REPORT_LIMITS.title + 1) }],
    [
      'a huge sentence',
      { ...good, entities: [{ ...good.entities[0], sentence: 'x'.repeat(REPORT_LIMITS.sentence + 1) }] },
    ],
    ['too many entities', { ...good, entities: Array(REPORT_LIMITS.entities + 1).fill(good.entities[0]) }],
    ['no url', { title: 'x', entities: [] }],
    ['not an object', 'page'],
  ])('refuses %s', (_, raw) => {
    expect(parsePageReportSource(raw)).toBeUndefined();
  });
});

describe('isExtensionSender (who may ask a content script)', () => {
  const id = 'abc';
  const origin = 'chrome-extension://abc/';
  it('allows the background and the extension’s own pages only', () => {
    expect(isExtensionSender({ id }, id, origin)).toBe(true);
    expect(isExtensionSender({ id, tab: {}, url: 'chrome-extension://abc/popup.html' }, id, origin)).toBe(
      true,
    );
    // Another page's content script of this extension, another extension, a page.
    expect(isExtensionSender({ id, tab: {}, url: 'https://evil.example/' }, id, origin)).toBe(false);
    expect(isExtensionSender({ id, tab: {} }, id, origin)).toBe(false);
    expect(isExtensionSender({ id: 'other' }, id, origin)).toBe(false);
    expect(isExtensionSender({}, id, origin)).toBe(false);
  });
});
