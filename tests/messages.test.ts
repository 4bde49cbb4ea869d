import { describe, expect, it } from 'vitest';
import { isTrustedSender, parseRequest } from '../lib/messages';

describe('parseRequest', () => {
  it('accepts a well-formed entity request', () => {
    expect(parseRequest({ type: 'kb:entity', id: 'apt31' })).toEqual({ type: 'kb:entity', id: 'apt31' });
  });
  it.each([
    null,
    'kb:entity',
    [],
    { type: 'kb:entity' },
    { type: 'kb:entity', id: 5 },
    { type: 'kb:entity', id: '<img src=x>' },
    { type: 'kb:entity', id: 'a'.repeat(200) },
    { type: 'nope', id: 'apt31' },
    JSON.parse('{"__proto__":{"type":"kb:entity"},"id":"apt31"}'),
  ])('rejects %j', (msg) => {
    expect(parseRequest(msg)).toBeUndefined();
  });
});

describe('isTrustedSender', () => {
  const id = 'abc';
  const origin = 'chrome-extension://abc/';
  it('trusts our content scripts and our pages only', () => {
    expect(isTrustedSender({ id, tab: {} }, id, origin)).toBe(true);
    expect(isTrustedSender({ id, url: 'chrome-extension://abc/popup.html' }, id, origin)).toBe(true);
    expect(isTrustedSender({ id: 'other', tab: {} }, id, origin)).toBe(false);
    expect(isTrustedSender({ id, url: 'https://evil.example/' }, id, origin)).toBe(false);
    expect(isTrustedSender({}, id, origin)).toBe(false);
  });
});
