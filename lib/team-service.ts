/**
 * The background's side of team sharing, one function per `team:` message with everything it needs handed
 * in (the database, `fetch`, the incidents, the STIX lookup, the overlay import, a clock): adding the team
 * server, sharing incidents and page reports through a retry queue kept in the database, and reading the
 * team's names into Your KB through the import's dry run and confirm. Nothing is sent before a server is
 * added, and only to that server's origin. It sits above `lib/protocol/` (whose request types it takes),
 * beside `lib/incidents-service.ts`; the TAXII client, the store and the answers' types are `lib/taxii/`.
 */
import type { Incident } from './incidents/model';
import type { OverlayImportReport } from './overlay/import/report';
import type { HandlerTable } from './protocol/handlers';
import type { TeamRequest } from './protocol/runtime';
import { toStixBundle } from './stix/incidents-bundle';
import type { EntityLookup } from './stix/objects';
import { pageReportBundle } from './stix/page-report';
import { type PageReportInput, reportName } from './stix/page-report-input';
import {
  type FetchLike,
  type StixLike,
  type TaxiiAuth,
  TaxiiClient,
  TaxiiError,
  withSlash,
} from './taxii/client';
import type { PendingPull, TeamDb } from './taxii/db';
import type {
  ConnectOutcome,
  PullOutcome,
  ShareOutcome,
  ShareRecord,
  TeamFailure,
  TeamProbe,
  TeamServer,
  TeamState,
} from './taxii/model';
import { serverUrlProblem } from './taxii/server-address';

/** The object types a sync reads: the team's actors, agencies and how they relate. */
export const PULL_TYPES = ['intrusion-set', 'threat-actor', 'identity', 'relationship'] as const;

/** What the service is built with. */
export interface TeamDeps {
  db(): Promise<TeamDb>;
  fetch: FetchLike;
  now(): Date;
  /** The stored incidents with these ids (missing ones left out). */
  incidents(ids: readonly string[]): Promise<Incident[]>;
  /** Resolves entity ids, bundled or the reader's own, for the STIX objects. */
  lookup(): Promise<EntityLookup>;
  /** The Your KB import of a STIX bundle's text: the dry run (`apply` false) or the write. */
  importOverlay(text: string, apply: boolean): Promise<OverlayImportReport>;
  /** Tells open extension pages the team state changed. */
  announce(): void;
  /** Runs `fn` after `ms` (the queue's next try while the background lives); a seam for tests. */
  schedule?(fn: () => void, ms: number): void;
  /** Longest wait for one answer of the server, in ms. */
  timeoutMs?: number;
}

const failureOf = (e: unknown): TeamFailure =>
  e instanceof TaxiiError
    ? { kind: e.kind, message: e.message }
    : { kind: 'server', message: e instanceof Error ? e.message : String(e) };

/** Failures that every other item in the queue would meet too: stop there. */
const STOPS = new Set(['auth', 'permission', 'down', 'not-configured']);

const NOT_CONFIGURED: TeamFailure = {
  kind: 'not-configured',
  message: 'No team server is set up: add one in Settings → Team server first.',
};

/** The background's team sharing: handlers of the `team:` messages and the retry queue. */
export class TeamService {
  private flushing: Promise<ShareOutcome> | undefined;
  private retryDelay = 0;
  private retryTimer = false;

  constructor(private readonly deps: TeamDeps) {}

  /** A client for `url`'s server that sends nothing to any other origin. */
  private client(url: string, auth: TaxiiAuth): TaxiiClient {
    const origin = new URL(url).origin;
    const fetch: FetchLike = (to, init) => {
      if (new URL(to).origin !== origin)
        return Promise.reject(
          new TaxiiError('server', `The team server pointed elsewhere (${to}); not followed.`),
        );
      return this.deps.fetch(to, init);
    };
    return new TaxiiClient({ fetch, auth, timeoutMs: this.deps.timeoutMs });
  }

  /** The server without its secret, every share record without its objects, the sync's bookmark. */
  async state(): Promise<TeamState> {
    const db = await this.deps.db();
    const [server, shares, sync] = await Promise.all([
      db.get('server', 'server'),
      db.getAll('shares'),
      db.get('sync', 'pull'),
    ]);
    const view = server
      ? (() => {
          const { auth, ...rest } = server;
          return {
            ...rest,
            authKind: auth.kind,
            ...(auth.kind === 'basic' ? { username: auth.username } : {}),
          };
        })()
      : undefined;
    return {
      ...(view ? { server: view } : {}),
      shares: shares
        .map(({ objects: _o, ...r }) => r)
        .sort((a, b) => (b.sharedAt ?? b.queuedAt).localeCompare(a.sharedAt ?? a.queuedAt)),
      pending: shares.filter((s) => s.state === 'pending').length,
      ...(sync?.upTo ? { syncedUpTo: sync.upTo } : {}),
    };
  }

  /** What the server at `discovery` offers these credentials: its API roots on that origin and their collections. */
  async probe(discovery: string, auth: TaxiiAuth): Promise<TeamProbe> {
    const bad = serverUrlProblem(discovery);
    if (bad) return { ok: false, kind: 'server', message: bad };
    const client = this.client(discovery, auth);
    try {
      const d = await client.discover(discovery);
      const origin = new URL(discovery).origin;
      const roots: Extract<TeamProbe, { ok: true }>['roots'] = [];
      for (const url of d.api_roots) {
        if (new URL(url).origin !== origin) {
          roots.push({
            url,
            title: url,
            maxContentLength: 0,
            collections: [],
            error: 'On another server: add it on its own.',
          });
          continue;
        }
        try {
          const info = await client.apiRoot(url);
          const cols = await client.collections(url);
          roots.push({
            url,
            title: info.title,
            maxContentLength: info.max_content_length,
            collections: cols.map((c) => ({
              id: c.id,
              title: c.title,
              canRead: c.can_read,
              canWrite: c.can_write,
            })),
          });
        } catch (e) {
          if (e instanceof TaxiiError && e.kind === 'auth') throw e;
          roots.push({ url, title: url, maxContentLength: 0, collections: [], error: failureOf(e).message });
        }
      }
      return { ok: true, title: d.title, roots };
    } catch (e) {
      return { ok: false, ...failureOf(e) };
    }
  }

  /** Checks the API root and collection against the server and stores them with the credentials. */
  async connect(req: Extract<TeamRequest, { type: 'team:connect' }>): Promise<ConnectOutcome> {
    const bad = serverUrlProblem(req.discovery) ?? serverUrlProblem(req.apiRoot);
    if (bad) return { ok: false, kind: 'server', message: bad };
    if (new URL(req.apiRoot).origin !== new URL(req.discovery).origin)
      return {
        ok: false,
        kind: 'server',
        message: 'The API root must be on the same server as the discovery address.',
      };
    const apiRoot = withSlash(req.apiRoot);
    const client = this.client(apiRoot, req.auth);
    try {
      const info = await client.apiRoot(apiRoot);
      const col = (await client.collections(apiRoot)).find((c) => c.id === req.collectionId);
      if (!col)
        return {
          ok: false,
          kind: 'not-found',
          message: 'That collection is not on this API root (any more).',
        };
      const server: TeamServer = {
        discovery: req.discovery,
        apiRoot,
        apiRootTitle: info.title,
        maxContentLength: Number.isFinite(info.max_content_length) ? info.max_content_length : 0,
        collectionId: col.id,
        collectionTitle: col.title,
        canRead: col.can_read,
        canWrite: col.can_write,
        auth: req.auth,
        addedAt: this.deps.now().toISOString(),
      };
      const db = await this.deps.db();
      const tx = db.transaction(['server', 'sync'], 'readwrite');
      const old = await tx.objectStore('server').get('server');
      await tx.objectStore('server').put(server, 'server');
      // Another collection: the next sync reads it from the start.
      if (old?.apiRoot !== server.apiRoot || old?.collectionId !== server.collectionId)
        await tx.objectStore('sync').delete('pull');
      await tx.done;
      this.deps.announce();
      return { ok: true, state: await this.state() };
    } catch (e) {
      return { ok: false, ...failureOf(e) };
    }
  }

  /** Forgets the server and its credentials; what was shared, and the queue, stay. */
  async forget(): Promise<TeamState> {
    const db = await this.deps.db();
    const tx = db.transaction(['server', 'sync'], 'readwrite');
    await tx.objectStore('server').delete('server');
    await tx.objectStore('sync').delete('pull');
    await tx.done;
    this.deps.announce();
    return this.state();
  }

  /** Queues records (replacing earlier ones of the same key) and sends the queue. */
  private async enqueue(items: Omit<ShareRecord, 'state' | 'queuedAt' | 'attempts' | 'collection'>[]) {
    const db = await this.deps.db();
    const server = await db.get('server', 'server');
    if (!server)
      return {
        shared: 0,
        pending: 0,
        failures: items.map((i) => ({ ...NOT_CONFIGURED, key: i.key, title: i.title })),
      };
    const now = this.deps.now().toISOString();
    const tx = db.transaction('shares', 'readwrite');
    for (const item of items) {
      const old = await tx.store.get(item.key);
      await tx.store.put({
        ...item,
        state: 'pending',
        collection: server.collectionTitle,
        queuedAt: now,
        attempts: old?.attempts ?? 0,
        ...(old?.sharedAt ? { sharedAt: old.sharedAt } : {}),
      });
    }
    await tx.done;
    this.deps.announce();
    return this.flush();
  }

  /** Shares incidents: each one's STIX objects (the export's) as its own queue item. */
  async shareIncidents(ids: readonly string[]): Promise<ShareOutcome> {
    const [incidents, lookup] = await Promise.all([this.deps.incidents(ids), this.deps.lookup()]);
    return this.enqueue(
      incidents.map((inc) => {
        const objects = toStixBundle([inc], undefined, lookup).objects as StixLike[];
        return {
          key: inc.id,
          kind: 'incident' as const,
          title: inc.title || inc.pageTitle || inc.url,
          objects,
          objectCount: objects.length,
          objectIds: objects.map((o) => o.id),
        };
      }),
    );
  }

  /** Shares a page report: the popup's form made into the same bundle as its download. */
  async shareReport(input: PageReportInput): Promise<ShareOutcome> {
    const lookup = await this.deps.lookup();
    const objects = pageReportBundle(input, this.deps.now(), {}, lookup).objects as StixLike[];
    const report = objects.find((o) => o.type === 'report');
    return this.enqueue([
      {
        key: `report:${report?.id ?? crypto.randomUUID()}`,
        kind: 'report',
        title: reportName(input),
        objects,
        objectCount: objects.length,
        objectIds: objects.map((o) => o.id),
      },
    ]);
  }

  /** Sends every queued item, oldest first (one send at a time; a call during a send waits for it). */
  flush(): Promise<ShareOutcome> {
    this.flushing ??= this.sendQueue().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Resumes the queue (the background's start): sends what waits, if a server is set up. */
  async resume(): Promise<void> {
    const db = await this.deps.db();
    if ((await db.count('server')) && (await db.getAll('shares')).some((s) => s.state === 'pending'))
      await this.flush();
  }

  private async sendQueue(): Promise<ShareOutcome> {
    const db = await this.deps.db();
    const server = await db.get('server', 'server');
    const queue = (await db.getAll('shares'))
      .filter((s) => s.state === 'pending')
      .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    const out: ShareOutcome = { shared: 0, pending: 0, failures: [] };
    let stop: TeamFailure | undefined = !server
      ? NOT_CONFIGURED
      : !server.canWrite
        ? {
            kind: 'permission',
            message: `This account may not add to “${server.collectionTitle}”: choose a writable collection.`,
          }
        : undefined;
    for (const rec of queue) {
      let next: ShareRecord;
      if (stop || !server) {
        next = { ...rec, error: stop ?? NOT_CONFIGURED };
      } else {
        const at = this.deps.now().toISOString();
        try {
          const statuses = await this.client(server.apiRoot, server.auth).addObjects(
            server.apiRoot,
            server.collectionId,
            rec.objects ?? [],
            server.maxContentLength || Number.POSITIVE_INFINITY,
          );
          const failed = statuses.flatMap((s) => s.failures ?? []);
          if (failed.length) {
            const first = failed[0];
            throw new TaxiiError(
              'server',
              `The team server refused ${failed.length} of the objects${first?.message ? ` (${first.id}: ${first.message})` : ''}.`,
            );
          }
          const { objects: _sent, error: _e, ...rest } = rec;
          next = {
            ...rest,
            state: 'shared',
            sharedAt: at,
            lastAttemptAt: at,
            attempts: rec.attempts + 1,
            collection: server.collectionTitle,
          };
          out.shared++;
        } catch (e) {
          const f = failureOf(e);
          next = { ...rec, lastAttemptAt: at, attempts: rec.attempts + 1, error: f };
          if (STOPS.has(f.kind)) stop = f;
        }
      }
      await db.put('shares', next);
      if (next.state === 'pending') {
        out.pending++;
        if (next.error) out.failures.push({ ...next.error, key: next.key, title: next.title });
      }
    }
    this.deps.announce();
    this.scheduleRetry(out, stop);
    return out;
  }

  /** While the server is down, tries again later (30 s doubling to 10 min); another failure waits for the reader. */
  private scheduleRetry(out: ShareOutcome, stop: TeamFailure | undefined): void {
    if (!this.deps.schedule || out.pending === 0 || stop?.kind !== 'down') {
      this.retryDelay = 0;
      return;
    }
    if (this.retryTimer) return;
    this.retryDelay = Math.min(this.retryDelay ? this.retryDelay * 2 : 30_000, 600_000);
    this.retryTimer = true;
    this.deps.schedule(() => {
      this.retryTimer = false;
      void this.flush().catch(() => undefined);
    }, this.retryDelay);
  }

  /**
   * A sync: `apply: false` reads the collection's actors, agencies and relationships added since the last
   * confirmed sync and answers the import's dry run of them (the batch is kept); `apply: true` writes that
   * kept batch and moves the bookmark on.
   */
  async pull(apply: boolean): Promise<PullOutcome> {
    const db = await this.deps.db();
    const server = await db.get('server', 'server');
    if (!server) return { ok: false, ...NOT_CONFIGURED };
    const sync = (await db.get('sync', 'pull')) ?? {};
    if (apply) {
      if (!sync.pending)
        return { ok: false, kind: 'not-configured', message: 'Nothing to confirm: sync again.' };
      const report = await this.deps.importOverlay(sync.pending.text, true);
      if (report.ok) await db.put('sync', { upTo: sync.pending.upTo ?? sync.upTo }, 'pull');
      this.deps.announce();
      return { ok: true, fetched: sync.pending.fetched, report };
    }
    if (!server.canRead)
      return {
        ok: false,
        kind: 'permission',
        message: `This account may not read “${server.collectionTitle}”.`,
      };
    try {
      const byId = new Map<string, StixLike>();
      let upTo = sync.upTo;
      const pages = this.client(server.apiRoot, server.auth).objects(server.apiRoot, server.collectionId, {
        types: PULL_TYPES,
        ...(sync.upTo ? { addedAfter: sync.upTo } : {}),
      });
      for await (const page of pages) {
        for (const o of page.objects) {
          const had = byId.get(o.id);
          if (!had || String(o.modified ?? '') >= String(had.modified ?? '')) byId.set(o.id, o);
        }
        if (page.addedLast && (!upTo || page.addedLast > upTo)) upTo = page.addedLast;
      }
      // A relationship to something not read this time (an earlier sync's) cannot be checked: left out.
      const objects = [...byId.values()].filter(
        (o) =>
          o.type !== 'relationship' || (byId.has(String(o.source_ref)) && byId.has(String(o.target_ref))),
      );
      if (!objects.some((o) => o.type !== 'relationship')) {
        await db.put('sync', { ...(upTo ? { upTo } : {}) }, 'pull');
        return { ok: true, fetched: 0, nothingNew: true };
      }
      const text = JSON.stringify({ type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects });
      const report = await this.deps.importOverlay(text, false);
      const pending: PendingPull = { text, fetched: objects.length, ...(upTo ? { upTo } : {}) };
      await db.put('sync', { ...sync, pending }, 'pull');
      return { ok: true, fetched: objects.length, report };
    } catch (e) {
      return { ok: false, ...failureOf(e) };
    }
  }
}

/**
 * The `team:` messages' handlers. The methods are not called `handle`: WXT's build strips the background's
 * `main` and then unused top-level code by name, and a `team.handle(…)` call would keep the background's
 * own `handle` (and its BroadcastChannels) alive in the Node process that reads the options.
 */
export function teamHandlers(team: TeamService): HandlerTable<TeamRequest['type']> {
  return {
    'team:get': () => team.state(),
    'team:probe': (req) => team.probe(req.discovery, req.auth),
    'team:connect': (req) => team.connect(req),
    'team:forget': () => team.forget(),
    'team:share': (req) => team.shareIncidents(req.ids),
    'team:share-report': (req) => team.shareReport(req.input),
    'team:retry': () => team.flush(),
    'team:pull': (req) => team.pull(req.apply),
  };
}
