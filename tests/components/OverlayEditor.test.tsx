// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type OverlayApi, OverlayEditor } from '../../components/overlay/OverlayEditor';
import { loadKb } from '../../lib/kb/index';
import { openOverlayDb, readOverlay } from '../../lib/overlay/db';
import { OverlayService } from '../../lib/overlay/service';
import { parseRequest } from '../../lib/protocol';

afterEach(cleanup);
/** A write checks the whole overlay against the bundled KB (indexed on first use): slow on a busy machine. */
const SLOW = { timeout: 10_000 };
let n = 0;

/** The editor over a real store, written through the same message shape check and service as the background. */
function setup(show = true) {
  const db = openOverlayDb(`editor-${++n}`);
  const service = new OverlayService({
    open: () => db,
    publish: async () => {},
    announce: () => {},
    now: () => '2026-12-01T10:00:00.000Z',
  });
  const api: OverlayApi = {
    read: async () => (await readOverlay(await db)).overlay,
    write: async (batch) => {
      const req = parseRequest(JSON.parse(JSON.stringify({ type: 'overlay:write', batch })));
      if (req?.type !== 'overlay:write') throw new Error('malformed');
      return service.write(req.batch);
    },
    bundled: () => [
      ...loadKb().actors.map((a) => ({ id: a.id, name: a.name, kind: 'actor' as const })),
      ...loadKb().agencies.map((g) => ({ id: g.id, name: g.name, kind: 'agency' as const })),
    ],
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
  const open = () => render(<OverlayEditor api={api} />);
  if (show) open();
  return { db, service, open };
}

const type = (label: string, value: string, root: HTMLElement = document.body) =>
  fireEvent.input(within(root).getByLabelText(label), { target: { value } });

describe('OverlayEditor', () => {
  it('has the page heading every dashboard tab has', async () => {
    setup();
    const h1 = await screen.findByRole('heading', { level: 1, name: 'APT Lens — your KB' });
    expect(screen.getByRole('region', { name: 'APT Lens — your KB' }).contains(h1)).toBe(true);
  });

  it('adds an actor with two aliases, lists it as ours, edits and removes it', async () => {
    const { db } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Add actor' }));
    const form = screen.getByRole('form', { name: 'Add an actor' });
    type('Name', 'UNC-ACME-7', form);
    type('Alias 1', 'Rusty Kettle', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Add alias' }));
    type('Alias 2', 'Storm-9999', form);
    type('Vendor of alias 2', 'Microsoft', form);
    type('Sponsor agency (id)', 'cn-mss', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved UNC-ACME-7.', undefined, SLOW);
    const { overlay } = await readOverlay(await db);
    expect(overlay.entities).toEqual([
      expect.objectContaining({
        id: 'ours-unc-acme-7',
        kind: 'actor',
        name: 'UNC-ACME-7',
        aliases: [
          { name: 'Rusty Kettle', source: 'ours' },
          { name: 'Storm-9999', source: 'Microsoft' },
        ],
        sponsor: 'cn-mss',
      }),
    ]);
    const row = (
      await screen.findByText('Rusty Kettle (ours), Storm-9999 (Microsoft)', undefined, SLOW)
    ).closest('tr')!;
    expect(within(row).getByText('ours')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Edit UNC-ACME-7' }));
    const edit = screen.getByRole('form', { name: 'Edit an actor' });
    type('Notes', 'Tracked since May', edit);
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await readOverlay(await db)).overlay.entities[0]?.notes).toBe('Tracked since May'),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Remove UNC-ACME-7' }));
    await screen.findByText('Removed UNC-ACME-7.', undefined, SLOW);
    expect((await readOverlay(await db)).overlay.entities).toEqual([]);
  });

  it('editing an imported entity keeps its names marked as the file’s (they keep needing context)', async () => {
    const { db, service, open } = setup(false);
    await service.write({
      put: [
        {
          id: 'ours-sport',
          kind: 'actor',
          name: 'Sport',
          aliases: [{ name: 'Sport Locker', source: 'MISP galaxy', imported: true }],
          notes: '',
          links: [],
          createdAt: '2026-12-01T00:00:00.000Z',
          updatedAt: '2026-12-01T00:00:00.000Z',
          origin: 'MISP galaxy "Ransomware"',
        },
      ],
    });
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Sport' }, SLOW));
    const edit = screen.getByRole('form', { name: 'Edit an actor' });
    type('Notes', 'Seen in 2024', edit);
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await readOverlay(await db)).overlay.entities[0]).toMatchObject({
        notes: 'Seen in 2024',
        origin: 'MISP galaxy "Ransomware"',
        aliases: [{ name: 'Sport Locker', source: 'MISP galaxy', imported: true }],
      }),
    );
  });

  it('shows clear errors by field and keeps what was typed', async () => {
    const { db } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Add actor' }));
    const form = screen.getByRole('form', { name: 'Add an actor' });
    type('Name', 'Crew Nine', form);
    type('Country (ISO code)', 'ch', form);
    type('Alias 1', 'Judgment Panda', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    // The country is upper-cased (CH is fine); the alias is the bundled APT31's: the background refuses it.
    expect((await within(form).findByRole('alert', undefined, SLOW)).textContent).toContain(
      '“Judgment Panda” is already a name of APT31 in the bundled KB',
    );
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Crew Nine');
    type('Alias 1', 'Crew 9', form);
    type('Links (one per line)', 'javascript:alert(1)', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert', undefined, SLOW)).textContent).toContain(
      'not an http: or https: URL',
    );
    expect((await readOverlay(await db)).overlay.entities).toEqual([]);
  });

  it('adds names to a bundled entity', async () => {
    const { db } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Add names to a bundled entity' }));
    const form = screen.getByRole('form', { name: 'Add names to a bundled entity' });
    type('Bundled entity (id)', 'apt31', form);
    type('Alias 1', 'Kettle Crew', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved the names.', undefined, SLOW);
    expect((await readOverlay(await db)).overlay.extensions).toEqual([
      expect.objectContaining({ extends: 'apt31', aliases: [{ name: 'Kettle Crew', source: 'ours' }] }),
    ]);
    expect(await screen.findByRole('button', { name: 'Remove names of APT31' })).toBeTruthy();
  });
});
