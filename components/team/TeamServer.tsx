import { useEffect, useState } from 'preact/hooks';
import type { OverlayImportReport } from '../../lib/overlay/import/report';
import type { TaxiiAuth } from '../../lib/taxii/client';
import {
  type ConnectOutcome,
  type PullOutcome,
  type ShareOutcome,
  type ShareView,
  shareSummary,
  type TeamProbe,
  type TeamState,
} from '../../lib/taxii/model';
import { OverlayImportSummary } from '../overlay/OverlayImport';
import { StatusRegion } from '../shared/StatusRegion';

/** What the Team server settings need from the extension; a seam so component tests need no browser. */
export interface TeamApi {
  state(): Promise<TeamState>;
  /**
   * Asks the browser for access to the server's origin only. Called first thing in a click's handler: the
   * browser grants optional permissions only in answer to the reader's gesture.
   */
  requestAccess(url: string): Promise<boolean>;
  /** Gives the origin's access back when the server is removed. */
  releaseAccess(url: string): Promise<void>;
  probe(discovery: string, auth: TaxiiAuth): Promise<TeamProbe>;
  connect(req: {
    discovery: string;
    apiRoot: string;
    collectionId: string;
    auth: TaxiiAuth;
  }): Promise<ConnectOutcome>;
  forget(): Promise<TeamState>;
  retry(): Promise<ShareOutcome>;
  pull(apply: boolean): Promise<PullOutcome>;
  /** Calls `onChange` when the background changed the team state; returns the unsubscribe. */
  subscribe?(onChange: () => void): () => void;
}

type Probed = Extract<TeamProbe, { ok: true }>;

const rights = (r: { canRead: boolean; canWrite: boolean }) =>
  r.canRead && r.canWrite
    ? 'read and write'
    : r.canRead
      ? 'read only'
      : r.canWrite
        ? 'write only'
        : 'no access';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function ShareList({ shares }: { shares: ShareView[] }) {
  if (shares.length === 0) return <p class="note">Nothing shared yet.</p>;
  return (
    <table class="team-shares">
      <caption>Shared with the team</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Status</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {shares.slice(0, 200).map((s) => (
          <tr key={s.key} data-key={s.key} data-state={s.state}>
            <td>
              {s.kind === 'report' ? 'Page report: ' : ''}
              {s.title}{' '}
              <span class="note">
                ({s.objectCount} STIX objects to “{s.collection}”)
              </span>
            </td>
            <td>
              {s.state === 'shared' ? 'shared' : 'waiting'}
              {s.state === 'pending' && s.error && <span class="error"> — {s.error.message}</span>}
            </td>
            <td>{(s.sharedAt ?? s.lastAttemptAt ?? s.queuedAt).replace('T', ' ').slice(0, 16)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Settings → Team server: the TAXII 2.1 discovery address and credentials, then the API root and
 * collection picked from what the server lists (with the reader's rights on each); then what was shared,
 * the queue, and "Sync team names" into Your KB through the import's dry run and confirm.
 */
export function TeamServer({ api }: { api: TeamApi }) {
  const [state, setState] = useState<TeamState>();
  const [editing, setEditing] = useState(false);
  const [discovery, setDiscovery] = useState('');
  const [kind, setKind] = useState<TaxiiAuth['kind']>('basic');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [probed, setProbed] = useState<Probed>();
  const [choice, setChoice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [pull, setPull] = useState<Extract<OverlayImportReport, { ok: true }>>();

  const reload = () => api.state().then(setState, (e: unknown) => setError(message(e)));
  useEffect(() => {
    void reload();
    return api.subscribe?.(() => void reload());
  }, []);

  const auth = (): TaxiiAuth =>
    kind === 'basic'
      ? { kind, username, password: secret }
      : kind === 'bearer'
        ? { kind, token: secret }
        : { kind: 'none' };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setStatus(undefined);
    try {
      await work();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  const lookUp = (e: Event) => {
    e.preventDefault();
    const url = discovery.trim();
    // The browser's permission prompt first, in the click's own turn.
    const access = api.requestAccess(url);
    void run(async () => {
      setProbed(undefined);
      if (!(await access)) {
        setError(`APT Lens may not reach ${url}: the browser's permission was not given. Nothing was sent.`);
        return;
      }
      const p = await api.probe(url, auth());
      if (!p.ok) {
        setError(p.message);
        return;
      }
      setProbed(p);
      const first = p.roots.flatMap((r) => r.collections.map((c) => `${r.url} ${c.id}`))[0];
      setChoice(first);
    });
  };

  const add = () =>
    run(async () => {
      if (!choice) return;
      const [apiRoot = '', collectionId = ''] = choice.split(' ');
      const r = await api.connect({ discovery: discovery.trim(), apiRoot, collectionId, auth: auth() });
      if (!r.ok) {
        setError(r.message);
        return;
      }
      setState(r.state);
      setEditing(false);
      setProbed(undefined);
      setSecret('');
      setStatus(`Team server added: “${r.state.server?.collectionTitle}”.`);
    });

  const remove = () =>
    run(async () => {
      const url = state?.server?.discovery;
      setState(await api.forget());
      if (url) await api.releaseAccess(url).catch(() => undefined);
      setStatus('Team server removed; nothing more will be sent.');
    });

  const retry = () =>
    run(async () => {
      setStatus(shareSummary(await api.retry()));
      await reload();
    });

  const sync = () =>
    run(async () => {
      setPull(undefined);
      const r = await api.pull(false);
      if (!r.ok) return setError(r.message);
      if (r.nothingNew || !r.report)
        return setStatus('Nothing new in the team collection since the last sync.');
      if (!r.report.ok) return setError(`The team's names cannot be imported: ${r.report.error}`);
      setPull(r.report);
    });

  const confirm = () =>
    run(async () => {
      setPull(undefined);
      const r = await api.pull(true);
      if (!r.ok) return setError(r.message);
      if (!r.report?.ok)
        return setError(`Sync failed: ${r.report?.ok === false ? r.report.error : ''} Nothing was changed.`);
      const c = r.report.counts;
      setStatus(
        `Synced the team's names into your KB: ${c.new} new, ${c.merged} merged, ${c.unchanged} already known, ${c.conflict} conflicting not imported.`,
      );
    });

  const server = state?.server;
  const form = (
    <form class="team-form" onSubmit={lookUp}>
      <label>
        Discovery address
        <input
          name="discovery"
          type="url"
          required
          value={discovery}
          placeholder="https://taxii.example.org/taxii2/"
          onInput={(e) => setDiscovery(e.currentTarget.value)}
        />
      </label>
      <label>
        Sign in with
        <select
          name="auth"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as TaxiiAuth['kind'])}
        >
          <option value="basic">User name and password (HTTP Basic)</option>
          <option value="bearer">Token (bearer)</option>
          <option value="none">Nothing (a public server)</option>
        </select>
      </label>
      {kind === 'basic' && (
        <label>
          User name
          <input
            name="username"
            autocomplete="off"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
      )}
      {kind !== 'none' && (
        <label>
          {kind === 'basic' ? 'Password' : 'Token'}
          <input
            name="secret"
            type="password"
            autocomplete="off"
            value={secret}
            onInput={(e) => setSecret(e.currentTarget.value)}
          />
        </label>
      )}
      <div class="buttons">
        <button type="submit" disabled={busy}>
          Look up collections
        </button>
        {server && (
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );

  return (
    <section class="team-server" aria-labelledby="team-heading">
      <h2 id="team-heading">Team server</h2>
      <p class="note">
        Share incidents and page reports with your team's TAXII 2.1 server (OpenCTI, MISP and others), and
        bring the team's names into your KB. Nothing leaves this browser until you add a server; then only
        what you share, and only to it.
      </p>
      {server && !editing && (
        <div class="team-current">
          <p>
            Sharing to <strong>“{server.collectionTitle}”</strong> ({rights(server)}) on {server.apiRootTitle}{' '}
            ({server.apiRoot}){server.username ? `, as ${server.username}` : ''}.
          </p>
          <div class="buttons">
            <button type="button" disabled={busy || !server.canRead} onClick={() => void sync()}>
              Sync team names
            </button>
            <button type="button" disabled={busy || !state?.pending} onClick={() => void retry()}>
              Send waiting shares ({state?.pending ?? 0})
            </button>
            <button type="button" disabled={busy} onClick={() => setEditing(true)}>
              Change server
            </button>
            <button type="button" disabled={busy} onClick={() => void remove()}>
              Remove team server
            </button>
          </div>
          {state?.syncedUpTo && <p class="note">Team names synced up to {state.syncedUpTo}.</p>}
        </div>
      )}
      {(!server || editing) && form}
      {probed && (
        <fieldset class="team-collections">
          <legend>{probed.title}: choose a collection</legend>
          {probed.roots.map((r) => (
            <div key={r.url}>
              <p>
                {r.title} <span class="note">({r.url})</span>
                {r.error && <span class="error"> — {r.error}</span>}
              </p>
              {r.collections.map((c) => (
                <label key={c.id} class="choice">
                  <input
                    type="radio"
                    name="collection"
                    value={`${r.url} ${c.id}`}
                    checked={choice === `${r.url} ${c.id}`}
                    onChange={() => setChoice(`${r.url} ${c.id}`)}
                  />
                  {c.title} ({rights(c)})
                </label>
              ))}
            </div>
          ))}
          <button type="button" disabled={busy || !choice} onClick={() => void add()}>
            Add team server
          </button>
        </fieldset>
      )}
      <StatusRegion error={error}>{status}</StatusRegion>
      {pull && (
        <OverlayImportSummary
          fileName="the team's names"
          report={pull}
          onConfirm={() => void confirm()}
          onCancel={() => setPull(undefined)}
        />
      )}
      {state && <ShareList shares={state.shares} />}
    </section>
  );
}
