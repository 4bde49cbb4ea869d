import { describe, expect, it } from 'vitest';
import { isExtensionSender, parsePageRequest, summarize } from '../../lib/protocol';

describe('page messages', () => {
  it.each([
    [{ type: 'page:navigate', direction: 1 }, true],
    [{ type: 'page:navigate', direction: 2 }, false],
    [{ type: 'page:summary' }, true],
    [{ type: 'page:reveal', id: 'apt31' }, true],
    [{ type: 'page:reveal', id: 'APT 31' }, false],
    [{ type: 'kb:entity', id: 'apt31' }, false],
    [{ type: 'capture:open' }, true],
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
