// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { type TeamApi, TeamServer } from '../../components/team/TeamServer';
import type { TeamProbe, TeamState } from '../../lib/taxii/model';

const PROBE: TeamProbe = {
  ok: true,
  title: 'Team TAXII',
  roots: [
    {
      url: 'https://taxii.example/team/',
      title: 'Team',
      maxContentLength: 1000,
      collections: [
        { id: 'rw', title: 'Shared', canRead: true, canWrite: true },
        { id: 'ro', title: 'Names', canRead: true, canWrite: false },
      ],
    },
  ],
};

/** The settings over a recording stand-in for the background (the order of calls is what is checked). */
function setup(grant: boolean, probe: TeamProbe = PROBE) {
  const calls: string[] = [];
  let state: TeamState = { shares: [], pending: 0 };
  const api: TeamApi = {
    state: async () => state,
    requestAccess: async (url) => {
      calls.push(`access ${url}`);
      return grant;
    },
    releaseAccess: async (url) => void calls.push(`release ${url}`),
    probe: async (url, auth) => {
      calls.push(`probe ${url} ${auth.kind}`);
      return probe;
    },
    connect: async (req) => {
      calls.push(`connect ${req.apiRoot} ${req.collectionId}`);
      state = {
        shares: [],
        pending: 0,
        server: {
          discovery: req.discovery,
          apiRoot: req.apiRoot,
          apiRootTitle: 'Team',
          maxContentLength: 1000,
          collectionId: req.collectionId,
          collectionTitle: 'Shared',
          canRead: true,
          canWrite: true,
          addedAt: '2026-12-06T00:00:00.000Z',
          authKind: 'basic',
          username: 'analyst',
        },
      };
      return { ok: true, state };
    },
    forget: async () => {
      calls.push('forget');
      state = { shares: [], pending: 0 };
      return state;
    },
    retry: async () => ({ shared: 0, pending: 0, failures: [] }),
    pull: async () => ({ ok: true, fetched: 0, nothingNew: true }),
  };
  render(<TeamServer api={api} />);
  return { calls };
}

const type = (name: string, value: string) =>
  fireEvent.input(document.querySelector(`[name=${name}]`)!, { target: { value } });

afterEach(cleanup);

describe('Team server settings', () => {
  it('asks for the one origin first, lists collections with the rights, and adds the chosen one', async () => {
    const { calls } = setup(true);
    type('discovery', 'https://taxii.example/taxii2/');
    type('username', 'analyst');
    type('secret', 'pw');
    fireEvent.click(screen.getByText('Look up collections'));
    // The browser's permission request happens in the click's own turn, before anything is sent.
    expect(calls).toEqual(['access https://taxii.example/taxii2/']);
    await screen.findByText('Shared (read and write)');
    expect(screen.getByText('Names (read only)')).toBeTruthy();
    fireEvent.click(screen.getByText('Names (read only)'));
    fireEvent.click(screen.getByText('Add team server'));
    await screen.findByText(/Team server added/);
    expect(calls.slice(1)).toEqual([
      'probe https://taxii.example/taxii2/ basic',
      'connect https://taxii.example/team/ ro',
    ]);
    fireEvent.click(screen.getByText('Remove team server'));
    await waitFor(() => expect(calls.at(-1)).toBe('release https://taxii.example/taxii2/'));
  });

  it('sends nothing when the browser refuses the permission, and says so', async () => {
    const { calls } = setup(false);
    type('discovery', 'https://taxii.example/taxii2/');
    fireEvent.click(screen.getByText('Look up collections'));
    await screen.findByText(/permission was not given\. Nothing was sent\./);
    expect(calls).toEqual(['access https://taxii.example/taxii2/']);
  });

  it('shows the server’s refusal plainly', async () => {
    setup(true, { ok: false, kind: 'auth', message: 'The team server refused the credentials (HTTP 401).' });
    type('discovery', 'https://taxii.example/taxii2/');
    fireEvent.click(screen.getByText('Look up collections'));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The team server refused the credentials (HTTP 401).',
    );
  });
});
