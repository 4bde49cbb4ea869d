import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { backupText, parseBackup } from '../../lib/backup/file';
import { codePoints, isCalendarDate, isDateTime, isWebUrl } from '../../lib/fields/formats';
import { checkIncident } from '../../lib/incidents/schema';
import { incidentsSchemaText, SCHEMA_PATH } from '../../scripts/schema/incidents';
import { makeIncident } from './make';

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const published = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
const fileOf = (incidents: unknown[]) =>
  JSON.parse(backupText(incidents as never[], new Date('2025-05-28T00:00:00Z'))) as unknown;

/** The import's verdict and the published schema's, which must agree. */
function verdicts(over: Record<string, unknown>): { reason?: string; schema: boolean } {
  const raw = { ...makeIncident(1), ...over };
  const r = checkIncident(raw);
  return { reason: 'reason' in r ? r.reason : undefined, schema: published(fileOf([raw])) };
}

describe('the published schema file', () => {
  it('is generated from the valibot schema (run `npm run schema` when this fails)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(incidentsSchemaText());
  });
});

describe('dates and times', () => {
  it.each([
    ['createdAt', '2023-02-31T00:00:00Z', /^createdAt: not a date and time that exists/],
    ['createdAt', '2023-02-29T00:00:00Z', /^createdAt: not a date and time that exists/],
    ['createdAt', '2025-13-01T00:00:00Z', /^createdAt: not a date and time that exists/],
    ['createdAt', '2025-05-01T24:00:00Z', /^createdAt: not a date and time that exists/],
    ['createdAt', '2025-05-01T10:60:00Z', /^createdAt: not a date and time that exists/],
    ['createdAt', '2025-05-01T10:00:60Z', /^createdAt: not an RFC 3339 date-time/],
    ['createdAt', '2025-05-01T10:00:00+24:00', /^createdAt: not a date and time that exists/],
    ['updatedAt', '2025-05-01T10:00:00 +02:00', /^updatedAt: not an RFC 3339 date-time/],
    ['updatedAt', '2025-05-01 10:00:00Z', /^updatedAt: not an RFC 3339 date-time/],
    ['updatedAt', '2025-05-01T10:00Z', /^updatedAt: not an RFC 3339 date-time/],
    ['updatedAt', '2025-05-01T10:00:00', /^updatedAt: not an RFC 3339 date-time/],
    ['updatedAt', '2025-05-01T10:00:00+0200', /^updatedAt: not an RFC 3339 date-time/],
    ['updatedAt', 'Thu, 01 May 2025 10:00:00 GMT', /^updatedAt: not an RFC 3339 date-time/],
    ['occurredAt', '2024-02-30', /^occurredAt: not a date \(YYYY-MM-DD\) or an RFC 3339 date-time/],
    ['occurredAt', '2023-02-29', /^occurredAt: not a date/],
    ['occurredAt', '2025-5-1', /^occurredAt: not a date/],
    ['occurredAt', '2025-05-01T10:00:00 Z', /^occurredAt: not a date/],
  ])('refuses %s %j with a clear reason, as the published schema does', (field, value, reason) => {
    const r = verdicts({ [field]: value });
    expect(r.reason).toMatch(reason);
    expect(r.schema).toBe(false);
  });

  it.each([
    ['createdAt', '2024-02-29T23:59:59Z'],
    ['createdAt', '2025-05-01T10:00:00.123456+05:30'],
    ['updatedAt', '2025-05-01T10:00:00-08:00'],
    ['occurredAt', '2024-02-29'],
    ['occurredAt', '2025-05-01T10:00:00.000Z'],
  ])('accepts %s %j, as the published schema does, and Date.parse reads it', (field, value) => {
    expect(verdicts({ [field]: value })).toEqual({ reason: undefined, schema: true });
    expect(Number.isNaN(Date.parse(value))).toBe(false);
  });

  it('checks days by the calendar, leap years included', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isDateTime('2025-04-30T00:00:00Z')).toBe(true);
  });
});

describe('URLs', () => {
  it.each([
    ['javascript:alert(1)', /^url: not an http: or https: URL/],
    ['JavaScript:alert(1)', /^url: not an http: or https: URL/],
    ['data:text/html,<script>alert(1)</script>', /^url: not an http: or https: URL/],
    ['file:///etc/passwd', /^url: not an http: or https: URL/],
    ['ftp://example.com/a', /^url: not an http: or https: URL/],
    ['//example.com/a', /^url: not an http: or https: URL/],
    ['', /^url: not an http: or https: URL/],
    ['https://exa mple.com/', /^url: not a valid URL/],
    ['http://[::1', /^url: not a valid URL/],
  ])('refuses %j with a clear reason, as the published schema does', (url, reason) => {
    const r = verdicts({ url });
    expect(r.reason).toMatch(reason);
    expect(r.schema).toBe(false);
  });

  it.each(['https://example.com/a?b=c#d', 'HTTP://EXAMPLE.COM/', 'http://127.0.0.1:8080/x'])(
    'accepts %j',
    (url) => {
      expect(verdicts({ url })).toEqual({ reason: undefined, schema: true });
      expect(isWebUrl(url)).toBe(true);
    },
  );
});

describe('lengths, in code points as JSON Schema counts them', () => {
  const emoji = '🛰️'.slice(0, 2); // one astral code point, two UTF-16 units
  it('counts an emoji as one character', () => {
    expect(emoji.length).toBe(2);
    expect(codePoints(emoji.repeat(100))).toBe(100);
    expect(codePoints('\ud800x')).toBe(2); // a lone surrogate is one
  });
  it('accepts a tag of 100 emoji, as the published schema does', () => {
    expect(verdicts({ tags: [emoji.repeat(100)] })).toEqual({ reason: undefined, schema: true });
  });
  it.each([
    ['tags', [emoji.repeat(101)], /^tags\.0: more than 100 characters \(101\)/],
    ['title', 'x'.repeat(501), /^title: more than 500 characters \(501\)/],
    ['title', emoji.repeat(501), /^title: more than 500 characters \(501\)/],
    ['notes', 'é'.repeat(20_001), /^notes: more than 20000 characters/],
    ['pageTitle', 'x'.repeat(1001), /^pageTitle: more than 1000 characters/],
    ['site', 'x'.repeat(301), /^site: more than 300 characters/],
    ['url', `https://e.example/${'x'.repeat(4096)}`, /^url: more than 4096 characters/],
    ['quote', { exact: 'x'.repeat(10_001), prefix: '', suffix: '' }, /^quote\.exact: more than 10000/],
    ['quote', { exact: 'x', prefix: emoji.repeat(501), suffix: '' }, /^quote\.prefix: more than 500/],
    ['attribution', { claimant: 'x'.repeat(501), confidence: 'high' }, /^attribution\.claimant: more/],
    ['tags', [''], /^tags\.0: an empty tag/],
  ])('refuses a too long %s with a clear reason, as the published schema does', (field, value, reason) => {
    const r = verdicts({ [field]: value });
    expect(r.reason).toMatch(reason);
    expect(r.schema).toBe(false);
  });
});

describe('the published schema and the import agree', () => {
  it('on what the export writes and on other shapes the import refuses', () => {
    const good = [
      makeIncident(1),
      makeIncident(2, { occurredAt: '2025-05-01', attribution: { claimant: 'x', confidence: 'high' } }),
    ];
    expect(published(fileOf(good))).toBe(true);
    expect(parseBackup(JSON.stringify(fileOf(good)))).toMatchObject({ ok: true, invalid: [] });
    expect(verdicts({ tags: 'espionage' }).schema).toBe(false);
    expect(verdicts({ actorIds: ['Not An Id'] })).toMatchObject({ schema: false });
    expect(published({ ...(fileOf([]) as object), version: 2 })).toBe(false);
  });
});

describe('claims', () => {
  const claims = [
    {
      kind: 'incident',
      claimants: [{ name: 'Prague’s intelligence agencies', country: 'CZ' }],
      accusedId: 'apt31',
      accusedName: 'APT31',
      confidence: 'a high degree of certainty',
      date: '2025-05-28',
      sentence: 'All three of Prague’s intelligence agencies assessed … that it was perpetrated by APT31.',
    },
    {
      kind: 'sponsor-link',
      claimants: [{ name: 'Western governments' }],
      accusedId: 'apt31',
      accusedName: 'APT31',
      sponsorId: 'cn-mss',
      confidence: '',
      sentence: 'APT31 has been linked by Western governments to China’s Ministry of State Security.',
    },
  ];

  it('keeps an incident’s claims, and still reads an incident saved before claims existed', () => {
    expect(verdicts({ claims })).toEqual({ reason: undefined, schema: true });
    expect(verdicts({})).toEqual({ reason: undefined, schema: true });
    const r = checkIncident({ ...makeIncident(1), claims });
    expect('incident' in r && r.incident.claims).toEqual(claims);
  });

  it.each([
    [{ kind: 'rumour' }, /^claims\.0\.kind:/],
    [{ claimants: [{ name: 'x', country: 'Czechia' }] }, /^claims\.0\.claimants\.0\.country: not an ISO/],
    [{ accusedId: 'APT 31' }, /^claims\.0\.accusedId: not a knowledge-base id/],
    [{ date: '2025-02-30' }, /^claims\.0\.date: not a day that exists/],
  ])('refuses a claim with %j, as the published schema does', (over, reason) => {
    const r = verdicts({ claims: [{ ...claims[0], ...over }] });
    expect(r.reason).toMatch(reason);
    expect(r.schema).toBe(false);
  });
});
