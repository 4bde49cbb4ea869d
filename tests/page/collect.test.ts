// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectText, locate, TextCollector } from '../../lib/page/collect';

function page(html: string) {
  document.body.innerHTML = html;
  return collectText(document.body);
}

describe('collectText', () => {
  it.each([
    ['<p>Judgment <a href="#">Panda</a> struck</p>', 'Judgment Panda struck'],
    ['<p>APT<b>31</b></p>', 'APT31'],
    ['<p>one</p><p>two</p>', 'one\ntwo'],
    ['<p>line<br>next</p>', 'line\nnext'],
    ['<p>a\n   b</p>', 'a    b'],
  ])('joins inline text and separates blocks: %s', (html, text) => {
    expect(page(html).text).toBe(text);
  });

  it.each([
    ['script', '<script>var APT31 = 1;</script>'],
    ['style', '<style>.APT31{}</style>'],
    ['textarea', '<textarea>APT31</textarea>'],
    ['code', '<code>APT31</code>'],
    ['pre', '<pre>APT31</pre>'],
    ['contenteditable', '<div contenteditable="true">APT31</div>'],
    ['hidden', '<div hidden>APT31</div>'],
    ['template', '<template>APT31</template>'],
    ['our own UI', '<apt-lens-ui>APT31</apt-lens-ui>'],
    ['SVG', '<svg><text>APT31</text></svg>'],
    ['MathML', '<math><mi>APT31</mi></math>'],
  ])('skips %s', (_, html) => {
    expect(page(`<p>x</p>${html}`).text).toBe('x');
  });

  it('enters open shadow roots', () => {
    document.body.innerHTML = '<div id="h"></div>';
    const root = document.getElementById('h')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Fancy Bear</p>';
    expect(collectText(document.body).text).toContain('Fancy Bear');
  });

  it('reads the same text when stopped and resumed at every check, shadow roots and skipped parts included', () => {
    document.body.innerHTML = Array.from(
      { length: 300 },
      (_, i) => `<p>Item ${i}: <b>APT</b>31 <code>x</code><br>next</p><div id="h${i}"><i>light</i></div>`,
    ).join('');
    for (const i of [0, 150, 299])
      document.getElementById(`h${i}`)!.attachShadow({ mode: 'open' }).innerHTML = `<p>Fancy Bear ${i}</p>`;
    const whole = collectText(document.body);
    const collector = new TextCollector(document.body);
    let pauses = 0;
    while (!collector.run(() => true)) pauses++;
    const resumed = collector.result();
    expect(pauses).toBeGreaterThan(3);
    expect(resumed.text).toBe(whole.text);
    expect(resumed.segments).toEqual(whole.segments);
    expect(resumed.text).toContain('Fancy Bear 150');
  });

  it('maps offsets back to text nodes, ends to the node they finish in', () => {
    const p = page('<p>Judgment <a>Panda</a> struck</p>');
    const start = locate(p, 0)!;
    const end = locate(p, 14, true)!;
    expect(start.node.data).toBe('Judgment ');
    expect(end.node.data).toBe('Panda');
    expect(end.offset).toBe(5);
    expect(locate(p, 9)!.node.data).toBe('Panda');
    expect(locate(p, 999)).toBeUndefined();
  });
});
