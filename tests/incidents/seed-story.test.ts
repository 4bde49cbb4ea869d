// @vitest-environment happy-dom
/**
 * The capture form's proposal for each passage of the seed story (demo/index.html) a reader would select,
 * read as the content script reads it: the page's text, the selection, the text before it, the article's day.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureInitial, contextBefore, offsetIn, selectionQuote } from '../../lib/incidents/capture';
import { publishedDate } from '../../lib/incidents/published';
import { findMentions } from '../../lib/match/find-mentions';
import { collectText } from '../../lib/page/collect';

beforeAll(() => {
  const html = readFileSync('demo/index.html', 'utf8');
  document.documentElement.innerHTML = html
    .replace(/^<!doctype html>\s*<html[^>]*>/i, '')
    .replace(/<\/html>\s*$/, '');
});

/** What the form proposes for the text of element `id` (or the part of it from `from` on). */
function proposal(id: string, from?: string) {
  const el = document.getElementById(id)!;
  const range = document.createRange();
  range.selectNodeContents(el);
  if (from) {
    const text = el.firstChild as Text;
    range.setStart(text, text.data.indexOf(from));
  }
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  const page = collectText(document.body);
  const start = offsetIn(page, range.startContainer, range.startOffset)!;
  const i = captureInitial({
    quote: selectionQuote(sel, document.body),
    context: contextBefore(page, start),
    url: 'http://127.0.0.1/demo/',
    pageTitle: document.title,
    pageText: page.text,
    today: new Date(2026, 11, 6),
    find: (t) => findMentions(t),
    published: publishedDate(document),
  });
  return {
    claimant: i.attribution?.claimant,
    confidence: i.attribution?.confidence,
    chips: (i.claimantsAre ?? []).map((c) =>
      c.kind === 'agency' ? `agency ${c.id}` : `country ${c.country}`,
    ),
    others: (i.claims ?? [])
      .slice(1)
      .map(
        (c) => `${c.kind}: ${c.claimants.map((x) => x.name).join(' + ')} → ${c.accusedId} → ${c.sponsorId}`,
      ),
    date: i.date,
  };
}

describe('the seed story', () => {
  it('is dated by the article: 28 May 2025', () => {
    expect(publishedDate(document)).toBe('2025-05-28');
  });

  it('the Prague paragraph: Prague’s agencies (Czechia) with their words; Western governments’ sponsor link apart', () => {
    expect(proposal('assessment')).toEqual({
      claimant: "Prague's intelligence agencies and its cybersecurity agency",
      confidence: 'a high degree of certainty',
      chips: ['country CZ'],
      others: ['sponsor-link: Western governments → apt31 → cn-mss'],
      date: '2025-05-28',
    });
  });

  it('a selection that starts mid-sentence reads the sentence’s start before it', () => {
    expect(proposal('assessment', 'the cyber-espionage')).toMatchObject({
      claimant: "Prague's intelligence agencies and its cybersecurity agency",
      chips: ['country CZ'],
      others: ['sponsor-link: Western governments → apt31 → cn-mss'],
    });
  });

  it('the lede: the Czech government, with the certainty of the next sentence', () => {
    expect(proposal('lede')).toMatchObject({
      claimant: 'Czech government',
      confidence: 'a high degree of certainty',
      chips: ['country CZ'],
      others: ['sponsor-link: Czech government → apt31 → cn-mss'],
    });
  });

  it('an agency director’s “said”: NÚKIB', () => {
    expect(proposal('nukib')).toMatchObject({ claimant: "NÚKIB's director", chips: ['agency cz-nukib'] });
  });

  it('“According to British authorities”: the United Kingdom', () => {
    expect(proposal('uk')).toMatchObject({ claimant: 'British authorities', chips: ['country GB'] });
  });

  it('“sanctioned by the United States and United Kingdom”: both', () => {
    expect(proposal('sanctions')).toMatchObject({
      claimant: 'United States and United Kingdom',
      chips: ['country US', 'country GB'],
    });
  });
});
