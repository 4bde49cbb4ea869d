/**
 * The day an article was published, read from the page, so a new incident is dated by the article rather
 * than by the day it was saved (the saved-on time is `createdAt`, kept apart). Sources, most explicit first:
 * the publication meta tags (Open Graph `article:published_time`, Dublin Core, Parse.ly, Sailthru and
 * friends), schema.org `datePublished` (microdata and JSON-LD), a `<time datetime>` in the article's
 * header, and last a dateline in the first lines of the text ("PRAGUE, May 28, 2025 —").
 * The date is the day as the page writes it: "2025-05-28T23:30:00-04:00" is 28 May, not its UTC day.
 */
import { isCalendarDate } from '../fields/formats';

const META_NAMES = [
  'article:published_time',
  'og:published_time',
  'article:published',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'dcterms.created',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'parsely-pub-date',
  'sailthru.date',
  'citation_publication_date',
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** "May 28, 2025", "28 May 2025", "2025-05-28", "2025/05/28". */
const WRITTEN = [
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), order: 'mdy' },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})\\b`, 'i'), order: 'dmy' },
  { re: /\b(\d{4})[-/](\d{2})[-/](\d{2})\b/, order: 'ymd' },
] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  return isCalendarDate(s) ? s : undefined;
};

/** A date as a page writes it (ISO, or in words) → YYYY-MM-DD, or undefined. */
export function dayOf(value: string): string | undefined {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso) return day(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  for (const { re, order } of WRITTEN) {
    const m = re.exec(v);
    if (!m) continue;
    if (order === 'ymd') return day(Number(m[1]), Number(m[2]), Number(m[3]));
    const month = MONTHS.indexOf(m[order === 'mdy' ? 1 : 2]!.slice(0, 3).toLowerCase()) + 1;
    const d = Number(m[order === 'mdy' ? 2 : 1]);
    return day(Number(m[3]), month, d);
  }
  return undefined;
}

/** `datePublished` anywhere in a JSON-LD value (an object, a list, an `@graph`). */
function jsonLdDate(value: unknown, depth = 0): string | undefined {
  if (depth > 6 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const d = jsonLdDate(v, depth + 1);
      if (d) return d;
    }
    return undefined;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.datePublished === 'string') {
    const d = dayOf(o.datePublished);
    if (d) return d;
  }
  return jsonLdDate(o['@graph'], depth + 1) ?? jsonLdDate(o.mainEntity, depth + 1);
}

/** Largest JSON-LD block read (a page's own, so bounded: a hostile one cannot stall the form). */
const MAX_JSON_LD = 200_000;
/**
 * A class of a byline or a date line: "byline", "FeatureByline", "dateline", "date", "pub-date",
 * "buzz_datetime", "postDate" — and not "updated" or "validate".
 */
const isBylineClass = (c: string) =>
  /by-?lines?|date-?lines?/i.test(c) ||
  /(?:^|[\s_-])(?:date|datetime|pubdate)s?(?:$|[\s_-])/i.test(c) ||
  /[a-z]Date(?:Time)?(?:$|[\s_A-Z-])/.test(c);

/** How much of a byline is read for its date. */
const DATELINE_CHARS = 600;

/** The article's published day (YYYY-MM-DD), or undefined when the page does not say. */
export function publishedDate(doc: Document): string | undefined {
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const key = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('itemprop') ??
      ''
    ).toLowerCase();
    if (!META_NAMES.includes(key)) continue;
    const d = dayOf(meta.getAttribute('content') ?? '');
    if (d) return d;
  }
  for (const el of doc.querySelectorAll('[itemprop="datePublished"]')) {
    const d = dayOf(el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent ?? '');
    if (d) return d;
  }
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    // Some sites wrap it in CDATA (`<![CDATA[ … ]]>`, also behind `//`), which JSON does not read.
    const text = (script.textContent ?? '')
      .replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[/, '')
      .replace(/(?:\/\/\s*)?\]\]>\s*$/, '');
    if (text.length > MAX_JSON_LD) continue;
    try {
      const d = jsonLdDate(JSON.parse(text));
      if (d) return d;
    } catch {
      // A page's broken JSON-LD says nothing about the date.
    }
  }
  // A <time> of the article's header or byline: the first in the article, else in the page.
  const time =
    doc.querySelector('time[pubdate][datetime], article time[datetime], header time[datetime]') ??
    doc.querySelector('time[datetime]');
  const fromTime = time && dayOf(time.getAttribute('datetime') ?? '');
  if (fromTime) return fromTime;
  // A dateline: in a byline or date element, else at the very start of the article's text (a date later
  // in the prose is what the story is about, not when it was published).
  for (const el of doc.querySelectorAll('[class*="date" i], [class*="byline" i]')) {
    // A byline is a line, with a class that says so: not a container, not "updated" or "update-list".
    if (el.childElementCount > 12 || !isBylineClass(el.getAttribute('class') ?? '')) continue;
    const d = dayOf((el.textContent ?? '').slice(0, DATELINE_CHARS));
    if (d) return d;
  }
  const body = doc.querySelector('article') ?? doc.body;
  return datelineOf((body?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** "PRAGUE, May 28, 2025 — …": a date in the first words, closed by a dash, a bar or a colon. */
function datelineOf(text: string): string | undefined {
  const head = text.slice(0, 80);
  for (const { re } of WRITTEN) {
    const m = re.exec(head);
    if (m && /^\s*(?:[—–|:]|-\s)/.test(head.slice(m.index + m[0].length))) return dayOf(m[0]);
  }
  return undefined;
}
