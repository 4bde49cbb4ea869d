// @vitest-environment happy-dom

import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OverlayImport } from '../../components/overlay/OverlayImport';
import { loadKb } from '../../lib/kb/index';
import { withWrites } from '../../lib/overlay/import/classify';
import { runOverlayImport } from '../../lib/overlay/import/run';
import { EMPTY_OVERLAY, type Overlay } from '../../lib/overlay/model';

const GALAXY = readFileSync('docs/examples/misp-galaxy.json', 'utf8');

/** The import view over an in-memory overlay, through the same runner the background uses. */
function setup() {
  const store: { overlay: Overlay; sent: boolean[] } = { overlay: EMPTY_OVERLAY, sent: [] };
  render(
    <OverlayImport
      send={(text, apply) => {
        store.sent.push(apply);
        return runOverlayImport(text, apply, {
          kb: loadKb(),
          read: async () => store.overlay,
          problems: () => [],
          write: async (entries) => {
            store.overlay = withWrites(store.overlay, entries);
            return { ok: true };
          },
          now: () => new Date('2026-12-01T10:00:00Z'),
        });
      }}
    />,
  );
  return store;
}

function pickFile(text: string, name: string) {
  const input = screen.getByLabelText('Import galaxy or bundle file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new File([text], name)], configurable: true });
  fireEvent.change(input);
}

afterEach(cleanup);

describe('OverlayImport', () => {
  it('lists every name the import adds and to what, the common words first and marked', async () => {
    setup();
    pickFile(GALAXY, 'team.json');
    const names = await screen.findByRole('region', { name: 'Names it adds' });
    const text = names.textContent ?? '';
    expect(text).toContain('Names it adds (6: 2 common words, 0 coined words)');
    expect(text).toContain(
      'common words or names of people, places or brands (such as “Lamplighter Crew”, “MK-3”)',
    );
    const items = [...names.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Lamplighter Crew → Copper Lantern (your KB) ⚠ common word: needs context',
      'MK-3 → Marsh Kestrel (your KB) ⚠ common word: needs context',
      'Copper Lantern → Copper Lantern (your KB)',
      'ACME-CL-12 → Copper Lantern (your KB)',
      'Marsh Kestrel → Marsh Kestrel (your KB)',
      'ACME-CN-31 → APT31',
    ]);
  });

  it('shows the summary with the list before writing, and writes only on Confirm', async () => {
    const store = setup();
    pickFile(GALAXY, 'team.json');
    const summary = await screen.findByRole('region', { name: 'Import summary' });
    expect(summary.textContent).toContain('Import team.json into your KB?');
    expect(summary.textContent).toContain('MISP galaxy "Example team clusters": 3 actors and agencies read.');
    expect(summary.textContent).toContain('2 new');
    expect(summary.textContent).toContain('1 merged');
    expect(summary.textContent).toContain(
      'Copper Lantern (actor): new (ours-copper-lantern): ACME-CL-12, Lamplighter Crew',
    );
    expect(summary.textContent).toContain('APT31 (actor): adds ACME-CN-31 to APT31, matched by ATT&CK G0128');
    expect(store.overlay).toEqual(EMPTY_OVERLAY);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm import' }));
    await screen.findByText(
      'Imported team.json into your KB: 2 new, 1 merged, 0 already known, 0 conflicting not imported.',
    );
    expect(store.sent).toEqual([false, true]);
    expect(store.overlay.entities).toHaveLength(2);
    expect(screen.queryByRole('region', { name: 'Import summary' })).toBeNull();
  });

  it('Cancel writes nothing', async () => {
    const store = setup();
    pickFile(GALAXY, 'team.json');
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel import' }));
    expect(screen.queryByRole('region', { name: 'Import summary' })).toBeNull();
    expect(store.sent).toEqual([false]);
    expect(store.overlay).toEqual(EMPTY_OVERLAY);
  });

  it('shows why a file is refused, and that nothing changed', async () => {
    const store = setup();
    pickFile('{"name": "x", "namespace": "misp", "uuid": "u"}', 'galaxy.json');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Import failed: Not a MISP galaxy cluster file: this is a galaxy definition .* Nothing was changed\.$/,
    );
    expect(store.overlay).toEqual(EMPTY_OVERLAY);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const store = setup();
    const input = screen.getByLabelText('Import galaxy or bundle file') as HTMLInputElement;
    const big = new File(['x'], 'big.json');
    Object.defineProperty(big, 'size', { value: 33 * 1024 * 1024 });
    Object.defineProperty(input, 'files', { value: [big], configurable: true });
    fireEvent.change(input);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Import failed: the file is too large (33.0 MB); the limit is 32 MB. Nothing was changed.',
      ),
    );
    expect(store.sent).toEqual([]);
  });
});
