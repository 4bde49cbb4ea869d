import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EntityIdSchema } from '../../lib/fields/schemas';
import { isEntityId, isOverlayId } from '../../lib/kb/entity-id';
import { loadKb } from '../../lib/kb/index';
import {
  entryKey,
  isExtension,
  namesOf,
  OverlayEntitySchema,
  OverlayEntrySchema,
  OverlayExtensionSchema,
  overlayIdFor,
} from '../../lib/overlay/model';

const NOW = '2026-12-01T00:00:00.000Z';

const entity = {
  id: 'ours-unc-acme-7',
  kind: 'actor',
  name: 'UNC-ACME-7',
  aliases: [
    { name: 'Rusty Kettle', source: 'ours' },
    { name: 'Storm-9999', source: 'Microsoft' },
  ],
  country: 'CN',
  sponsor: 'cn-mss',
  notes: '',
  links: ['https://example.org/report'],
  createdAt: NOW,
  updatedAt: NOW,
};

describe('overlay ids', () => {
  it('ours- ids pass the KB id pattern (so incidents and messages accept them) and no bundled id is one', () => {
    expect(isEntityId('ours-unc-acme-7')).toBe(true);
    expect(isOverlayId('ours-unc-acme-7')).toBe(true);
    expect(v.is(EntityIdSchema, 'ours-unc-acme-7')).toBe(true);
    expect(isOverlayId('apt31')).toBe(false);
    expect(isOverlayId('ours-')).toBe(false);
    expect(isOverlayId(`ours-${'a'.repeat(77)}`)).toBe(false);
    const kb = loadKb();
    expect([...kb.actors, ...kb.agencies].filter((e) => isOverlayId(e.id))).toEqual([]);
  });

  it('makes a slug id from a name, numbered when taken', () => {
    expect(overlayIdFor('UNC-ACME 7', () => false)).toBe('ours-unc-acme-7');
    expect(overlayIdFor('Ñandú Team', () => false)).toBe('ours-nandu-team');
    expect(overlayIdFor('熊猫', () => false)).toBe('ours-entity');
    const taken = new Set(['ours-x', 'ours-x-2']);
    expect(overlayIdFor('X', (id) => taken.has(id))).toBe('ours-x-3');
    expect(isOverlayId(overlayIdFor('a'.repeat(300), () => false))).toBe(true);
  });
});

describe('overlay schema', () => {
  it('accepts an entity and an extension, and tells them apart', () => {
    const e = v.parse(OverlayEntrySchema, entity);
    const x = v.parse(OverlayEntrySchema, {
      extends: 'apt31',
      aliases: [{ name: 'Kettle Team', source: 'ours' }],
      notes: 'n',
      links: [],
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(isExtension(e)).toBe(false);
    expect(isExtension(x)).toBe(true);
    expect(entryKey(e)).toBe('ours-unc-acme-7');
    expect(entryKey(x)).toBe('apt31');
    expect(namesOf(e as never)).toEqual(['UNC-ACME-7', 'Rusty Kettle', 'Storm-9999']);
  });

  it('trims names and drops unknown keys', () => {
    const out = v.parse(OverlayEntitySchema, { ...entity, name: '  UNC-ACME-7 ', __proto__x: 1, extra: 2 });
    expect(out.name).toBe('UNC-ACME-7');
    expect(out).not.toHaveProperty('extra');
  });

  it.each([
    ['a bundled id', { id: 'apt31' }, 'not an overlay id'],
    ['an empty name', { name: '  ' }, 'an empty name'],
    ['a name over two lines', { name: 'a\nb' }, 'more than one line'],
    ['punctuation only', { name: '--' }, 'no letter or digit'],
    ['a long name', { name: 'x'.repeat(201) }, 'more than 200 characters'],
    ['an alias with no vendor', { aliases: [{ name: 'A', source: '' }] }, 'no vendor'],
    ['a lower-case country', { country: 'cn' }, 'alpha-2'],
    ['a bad sponsor id', { sponsor: 'CN MSS' }, 'not a knowledge-base id'],
    ['a bad ATT&CK id', { attackId: 'S0001' }, 'ATT&CK group id'],
    ['a javascript: link', { links: ['javascript:alert(1)'] }, 'http'],
    ['another kind', { kind: 'malware' }, 'neither actor nor agency'],
  ])('refuses %s with a clear reason', (_what, patch, reason) => {
    const r = v.safeParse(OverlayEntitySchema, { ...entity, ...patch });
    expect(r.success).toBe(false);
    expect(r.issues?.map((i) => i.message).join(' ')).toContain(reason);
  });

  it('an extension needs a KB id', () => {
    const r = v.safeParse(OverlayExtensionSchema, {
      extends: 'Not An Id',
      aliases: [],
      notes: '',
      links: [],
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(r.success).toBe(false);
  });
});
