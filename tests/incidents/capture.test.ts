// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { captureInitial, contextBefore, offsetIn, sentenceQuote } from '../../lib/incidents/capture';
import { findMentions } from '../../lib/match/find-mentions';
import { collectText } from '../../lib/page/collect';

describe('the card’s passage: the sentence its name stands in', () => {
  it('quotes the whole sentence around a name, with the page before it as context', () => {
    document.body.innerHTML =
      '<h1>Prague names APT31</h1><p>The ministry was breached. Czech intelligence agencies assessed that <b>APT31</b> was behind it. More later.</p>';
    const page = collectText(document.body);
    const b = document.querySelector('b')!.firstChild!;
    const start = offsetIn(page, b, 0)!;
    const end = offsetIn(page, b, 5)!;
    expect(page.text.slice(start, end)).toBe('APT31');
    const { quote, context } = sentenceQuote(page, start, end);
    expect(quote.exact).toBe('Czech intelligence agencies assessed that APT31 was behind it.');
    expect(quote.prefix.endsWith('was breached. ')).toBe(true);
    expect(quote.suffix.startsWith(' More later.')).toBe(true);
    expect(context).toMatch(/Prague names APT31\n\nThe ministry was breached\. $/);
    const initial = captureInitial({
      quote,
      context,
      url: 'https://news.example/a',
      pageTitle: 'Story',
      pageText: page.text,
      today: new Date(2025, 4, 28),
      find: (t) => findMentions(t),
    });
    expect(initial.attribution).toMatchObject({ claimant: 'Czech intelligence agencies' });
    expect(initial.claimantIs).toEqual({ kind: 'country', country: 'CZ' });
  });

  it('finds a point between elements at the text after it', () => {
    document.body.innerHTML = '<p id="a">One.</p><p id="b">Two <i>three</i>.</p>';
    const page = collectText(document.body);
    expect(page.text.slice(offsetIn(page, document.getElementById('b')!, 0))).toMatch(/^Two three\./);
    expect(contextBefore(page, page.text.indexOf('Two'))).toMatch(/^One\.\n\n$/);
  });
});
