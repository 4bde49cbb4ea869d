// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { Prefilter, prefilterKeys } from '../../lib/match/prefilter';
import { runFirstStage } from '../../lib/page/first-stage';

const settle = () => new Promise((ok) => setTimeout(ok, 10));

/** A first stage over the current document, with names that tests can add to. */
function setup(html: string, signal = new AbortController().signal) {
  document.body.innerHTML = html;
  const names = ['APT31', 'Fancy Bear'];
  let changed: (() => void) | undefined;
  const load = vi.fn();
  const onNone = vi.fn();
  const unsubscribe = vi.fn();
  const done = runFirstStage({
    doc: document,
    signal,
    prefilter: async () => new Prefilter([prefilterKeys(names)]),
    onNamesChanged: (fn) => {
      changed = fn;
      return unsubscribe;
    },
    load,
    onNone,
    yieldToBrowser: () => Promise.resolve(),
    schedule: (fn) => setTimeout(fn, 0),
  });
  return { done, load, onNone, names, unsubscribe, namesChanged: () => changed?.() };
}

describe('the first stage', () => {
  it('loads the second stage at once where a name may be', async () => {
    const s = setup('<p>Reports blame APT31.</p>');
    await s.done;
    expect(s.load).toHaveBeenCalledTimes(1);
    expect(s.onNone).not.toHaveBeenCalled();
  });

  it('stays small where nothing is named, and loads when a name arrives', async () => {
    const s = setup('<p>Sunny spells, light rain.</p>');
    await s.done;
    expect(s.load).not.toHaveBeenCalled();
    expect(s.onNone).toHaveBeenCalledTimes(1);
    document.body.insertAdjacentHTML('beforeend', '<p>Still nothing here.</p>');
    await settle();
    expect(s.load).not.toHaveBeenCalled();
    document.body.insertAdjacentHTML('beforeend', '<p>Update: <b>Fancy Bear</b> did it.</p>');
    await settle();
    expect(s.load).toHaveBeenCalledTimes(1);
    // The second stage follows the reader's names from now on.
    expect(s.unsubscribe).toHaveBeenCalled();
  });

  it('asks again when the reader adds a name the page holds', async () => {
    const s = setup('<p>The Quiet Marten crew struck again.</p>');
    await s.done;
    expect(s.load).not.toHaveBeenCalled();
    s.names.push('Quiet Marten');
    s.namesChanged();
    await settle();
    expect(s.load).toHaveBeenCalledTimes(1);
  });

  it('does nothing more once its signal is aborted', async () => {
    const ctl = new AbortController();
    const s = setup('<p>Nothing named.</p>', ctl.signal);
    await s.done;
    ctl.abort();
    expect(s.unsubscribe).toHaveBeenCalled();
    document.body.insertAdjacentHTML('beforeend', '<p>APT31 now.</p>');
    await settle();
    expect(s.load).not.toHaveBeenCalled();
  });
});
