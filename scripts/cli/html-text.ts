/**
 * HTML reduced to the text the content script reads, for `apt-lens scan` and the scripts that score or
 * bench the matcher on saved pages. Its own module because the DOM it needs (happy-dom) takes several
 * times longer to load than the rest of the CLI: `scan` imports it only for HTML inputs.
 */
import { Window } from 'happy-dom';
import { collectText } from '../../lib/page/collect';

/** The visible text of an HTML document, exactly as the content script would see it. */
export function htmlText(html: string): string {
  // A base URL keeps relative links parseable; nothing is ever loaded or run.
  const window = new Window({
    url: 'http://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  try {
    // DOMParser documents never run scripts or fetch resources.
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    return collectText(doc.body as unknown as Node).text;
  } finally {
    window.happyDOM.abort();
    window.close();
  }
}
