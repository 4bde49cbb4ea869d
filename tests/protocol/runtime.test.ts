import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../lib/protocol';
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
    { type: 'incidents:import', text: '{}', apply: false },
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
    { type: 'incidents:import', text: '{}' },
    { type: 'incidents:import', text: 5, apply: true },
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
