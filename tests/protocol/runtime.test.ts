import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_ENTITIES, MAX_SENTENCE_CHARS, parseRequest } from '../../lib/protocol';
import { makeIncident } from '../incidents/make';

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

describe('parseRequest: incidents', () => {
  const inc = makeIncident(1);
  const { id, createdAt, updatedAt, site, ...draft } = inc;
  it.each([
    { type: 'incidents:save', draft },
    { type: 'incidents:update', incident: inc },
    { type: 'incidents:delete', ids: [inc.id] },
    { type: 'incidents:restore', incidents: [inc] },
    { type: 'incidents:tag', ids: [inc.id], tag: 'espionage' },
    { type: 'incidents:tags' },
    { type: 'incidents:for-page', url: 'https://a.example/' },
    { type: 'backup:import', text: '{}', apply: false },
    { type: 'backup:export' },
  ])('accepts $type', (msg) => {
    expect(parseRequest(msg)).toEqual(msg);
  });
  it('drops unknown keys, __proto__ included', () => {
    const msg = JSON.parse(`{"type":"incidents:tags","extra":1,"__proto__":{"x":1}}`);
    expect(parseRequest(msg)).toEqual({ type: 'incidents:tags' });
  });
  it.each([
    { type: 'incidents:save' },
    { type: 'incidents:save', draft: { ...draft, tags: 'espionage' } },
    { type: 'incidents:save', draft: { ...draft, actorIds: ['<img src=x>'] } },
    { type: 'incidents:save', draft: { ...draft, notes: 'x'.repeat(30_000) } },
    { type: 'incidents:update', incident: { ...inc, id: 'not-a-uuid' } },
    { type: 'incidents:delete', ids: ['1'] },
    { type: 'incidents:tag', ids: [inc.id], tag: '   ' },
    { type: 'backup:import', text: '{}' },
    { type: 'backup:import', text: 5, apply: true },
    { type: 'incidents:nope' },
  ])('rejects %j', (msg) => {
    expect(parseRequest(msg)).toBeUndefined();
  });
});

describe('parseRequest: overlay', () => {
  it('accepts a batch (entries are checked by the store, which says where each problem is)', () => {
    const msg = {
      type: 'overlay:write',
      batch: { put: [{ id: 'ours-x' }], remove: ['apt31'], replace: false },
    };
    expect(parseRequest(msg)).toEqual(msg);
  });
  it.each([
    { type: 'overlay:write' },
    { type: 'overlay:write', batch: { put: 'x' } },
    { type: 'overlay:write', batch: { remove: [5] } },
    { type: 'overlay:write', batch: { put: Array.from({ length: 5001 }, () => ({})) } },
    { type: 'overlay:import', text: '{}' },
    { type: 'overlay:import', text: 5, apply: false },
  ])('rejects %j', (msg) => {
    expect(parseRequest(msg)).toBeUndefined();
  });
  it('accepts an import, dry run or confirmed, and drops unknown keys', () => {
    expect(parseRequest({ type: 'overlay:import', text: '{"values": []}', apply: false, extra: 1 })).toEqual({
      type: 'overlay:import',
      text: '{"values": []}',
      apply: false,
    });
  });
});

describe('parseRequest: sightings', () => {
  const ok = {
    type: 'sightings:page',
    title: 'A story',
    visit: true,
    entities: [{ id: 'apt31', sentence: 'APT31 did it.' }],
  };

  it('accepts a page report and drops what it should not carry (a URL is the sender’s, never the message’s)', () => {
    expect(parseRequest({ ...ok, url: 'https://bank.example/' })).toEqual(ok);
    expect(parseRequest({ type: 'sightings:clear' })).toEqual({ type: 'sightings:clear' });
  });

  it.each([
    ['a malformed id', { ...ok, entities: [{ id: 'Not An Id', sentence: '' }] }],
    ['a long sentence', { ...ok, entities: [{ id: 'apt31', sentence: 'x'.repeat(MAX_SENTENCE_CHARS + 1) }] }],
    [
      'too many entities',
      {
        ...ok,
        entities: Array.from({ length: MAX_REPORTED_ENTITIES + 1 }, () => ({ id: 'apt31', sentence: '' })),
      },
    ],
    ['a long title', { ...ok, title: 'x'.repeat(501) }],
    ['no visit flag', { ...ok, visit: undefined }],
  ])('refuses %s', (_why, msg) => {
    expect(parseRequest(msg)).toBeUndefined();
  });
});
