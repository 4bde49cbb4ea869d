/**
 * A TAXII 2.1 client (discovery, API roots, collections, adding objects, status, getting objects) that takes
 * `fetch` as a parameter, so the background hands it the browser's and tests hand it Node's against a real
 * server. It knows nothing of incidents or the reader's KB; every failure is a `TaxiiError` whose `kind`
 * says what the reader can do about it and whose message is plain words (the server's own title and
 * description when it sent a TAXII error).
 */

/** The media type of every TAXII 2.1 request and answer. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/** The subset of `fetch` the client uses (the browser's and Node's both fit). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** How the client proves who it is: HTTP Basic, a bearer token, or nothing (a public server). */
export type TaxiiAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' };

/**
 * Why a request failed, in the reader's terms: the credentials (`auth`), the account's rights
 * (`permission`), the request's size (`size`), the server unreachable or too slow (`down`), something not
 * found (`not-found`), or the server refusing or garbling the exchange (`server`).
 */
export type TaxiiErrorKind = 'auth' | 'permission' | 'size' | 'down' | 'not-found' | 'server';

/** A failed TAXII exchange: its kind, the HTTP status when there was one, and a message for the reader. */
export class TaxiiError extends Error {
  constructor(
    readonly kind: TaxiiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TaxiiError';
  }
}

/** The kind of a failure answered with HTTP status `status`. */
export function errorKindOf(status: number): TaxiiErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 413) return 'size';
  if (status === 404) return 'not-found';
  if (status === 408 || status === 429 || status >= 500) return 'down';
  return 'server';
}

const LEAD: Record<TaxiiErrorKind, string> = {
  auth: 'The team server refused the credentials',
  permission: 'This account may not do that on the team server',
  size: 'The team server refused the request as too large',
  down: 'The team server is unreachable or did not answer in time',
  'not-found': 'The team server has no such resource',
  server: 'The team server refused the request',
};

/** The plain message of a failed answer: what it means, then the server's TAXII error title and description. */
export function describeFailure(status: number, body: string): string {
  let detail = '';
  try {
    const e = JSON.parse(body) as { title?: unknown; description?: unknown };
    const parts = [e.title, e.description].filter((x): x is string => typeof x === 'string' && !!x.trim());
    detail = parts.join(': ');
  } catch {
    // Not a TAXII error resource: a short plain-text body still says something.
    const plain = body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (plain && plain.length <= 200) detail = plain;
  }
  return `${LEAD[errorKindOf(status)]} (HTTP ${status}${detail ? `: ${detail.slice(0, 300)}` : ''}).`;
}

/** The `Authorization` header for `auth`, if any. */
export function authHeader(auth: TaxiiAuth): Record<string, string> {
  if (auth.kind === 'basic') {
    const bytes = new TextEncoder().encode(`${auth.username}:${auth.password}`);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return { Authorization: `Basic ${btoa(bin)}` };
  }
  if (auth.kind === 'bearer') return { Authorization: `Bearer ${auth.token}` };
  return {};
}

/** A URL that ends with one slash (TAXII's resources all do). */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The server's discovery resource. */
export interface Discovery {
  title: string;
  description?: string;
  default?: string;
  /** Absolute URLs of the API roots, resolved against the discovery URL. */
  api_roots: string[];
}

/** An API root's information resource. */
export interface ApiRootInfo {
  title: string;
  description?: string;
  versions: string[];
  /** The largest request body the server accepts, in bytes. */
  max_content_length: number;
}

/** A collection as the server lists it. */
export interface Collection {
  id: string;
  title: string;
  description?: string;
  can_read: boolean;
  can_write: boolean;
  media_types?: string[];
}

/** A status resource: how an add of objects went. */
export interface TaxiiStatus {
  id: string;
  status: 'pending' | 'complete';
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  failures?: { id: string; version?: string; message?: string }[];
}

/** A STIX object as the client carries it (only `id` and `type` are looked at). */
export type StixLike = { id: string; type: string } & Record<string, unknown>;

/** One page of a collection's objects. */
export interface ObjectsPage {
  objects: StixLike[];
  /** The newest `date_added` on this page (the server's `X-TAXII-Date-Added-Last`), if it said. */
  addedLast?: string;
}

/** What the client is built with. */
export interface TaxiiClientOptions {
  fetch: FetchLike;
  auth: TaxiiAuth;
  /** Longest wait for one answer, in ms (a slow server then counts as down). */
  timeoutMs?: number;
  /** Waits between status polls; a seam for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const str = (x: unknown) => (typeof x === 'string' ? x : '');

/** Most pages one `objects` walk follows (a server that pages forever is cut off with a clear error). */
export const MAX_PAGES = 1000;

/** A TAXII 2.1 client bound to one set of credentials. */
export class TaxiiClient {
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: TaxiiClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((ok) => setTimeout(ok, ms)));
  }

  /** One exchange: the answer's parsed JSON and headers, or a `TaxiiError`. */
  private async request(
    method: 'GET' | 'POST',
    url: string,
    body?: string,
  ): Promise<{ json: unknown; headers: { get(name: string): string | null } }> {
    const headers: Record<string, string> = { Accept: TAXII_MEDIA_TYPE, ...authHeader(this.opts.auth) };
    if (body !== undefined) headers['Content-Type'] = TAXII_MEDIA_TYPE;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      let res: Awaited<ReturnType<FetchLike>>;
      try {
        res = await this.opts.fetch(url, { method, headers, body, signal: abort.signal });
      } catch (e) {
        const slow = abort.signal.aborted;
        throw new TaxiiError(
          'down',
          slow
            ? `The team server did not answer within ${Math.round(this.timeoutMs / 1000)} s (${url}).`
            : `The team server cannot be reached (${url}): ${e instanceof Error ? e.message : String(e)}.`,
        );
      }
      const text = await res.text().catch(() => {
        throw new TaxiiError('down', `The team server stopped answering midway (${url}).`);
      });
      if (!res.ok)
        throw new TaxiiError(errorKindOf(res.status), describeFailure(res.status, text), res.status);
      if (!text.trim()) return { json: {}, headers: res.headers };
      try {
        return { json: JSON.parse(text), headers: res.headers };
      } catch {
        throw new TaxiiError('server', `The team server's answer is not JSON (${url}).`, res.status);
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /** The discovery resource at `url`, its API roots made absolute. */
  async discover(url: string): Promise<Discovery> {
    const { json } = await this.request('GET', url);
    if (!isObject(json) || !str(json.title))
      throw new TaxiiError('server', `${url} is not a TAXII 2.1 discovery resource.`);
    const roots = Array.isArray(json.api_roots) ? json.api_roots.filter((r) => typeof r === 'string') : [];
    const resolve = (r: string) => withSlash(new URL(r, url).href);
    return {
      title: str(json.title),
      ...(str(json.description) ? { description: str(json.description) } : {}),
      ...(str(json.default) ? { default: resolve(str(json.default)) } : {}),
      api_roots: roots.map(resolve),
    };
  }

  /** The information resource of the API root at `root`. */
  async apiRoot(root: string): Promise<ApiRootInfo> {
    const { json } = await this.request('GET', withSlash(root));
    if (!isObject(json) || !str(json.title))
      throw new TaxiiError('server', `${root} is not a TAXII 2.1 API root.`);
    const versions = Array.isArray(json.versions) ? json.versions.filter((x) => typeof x === 'string') : [];
    if (versions.length && !versions.some((x) => x.replace(/\s/g, '') === TAXII_MEDIA_TYPE))
      throw new TaxiiError('server', `${root} does not speak TAXII 2.1 (it offers ${versions.join(', ')}).`);
    const max = Number(json.max_content_length);
    return {
      title: str(json.title),
      ...(str(json.description) ? { description: str(json.description) } : {}),
      versions,
      max_content_length: Number.isFinite(max) && max > 0 ? max : Number.POSITIVE_INFINITY,
    };
  }

  /** The collections of an API root this account can see. */
  async collections(root: string): Promise<Collection[]> {
    const { json } = await this.request('GET', `${withSlash(root)}collections/`);
    const list = isObject(json) && Array.isArray(json.collections) ? json.collections : [];
    return list.filter(isObject).flatMap((c) =>
      str(c.id)
        ? [
            {
              id: str(c.id),
              title: str(c.title) || str(c.id),
              ...(str(c.description) ? { description: str(c.description) } : {}),
              can_read: c.can_read === true,
              can_write: c.can_write === true,
              ...(Array.isArray(c.media_types) ? { media_types: c.media_types.map(String) } : {}),
            },
          ]
        : [],
    );
  }

  private objectsUrl(root: string, collectionId: string): string {
    return `${withSlash(root)}collections/${encodeURIComponent(collectionId)}/objects/`;
  }

  /**
   * Adds `objects` to a collection, in as many envelopes as `maxContentLength` asks for, and follows each
   * status resource until complete. Answers the final statuses; a failure of any envelope throws (those
   * before it were added: adding the same STIX object again is harmless, so a retry sends all again).
   */
  async addObjects(
    root: string,
    collectionId: string,
    objects: readonly StixLike[],
    maxContentLength: number,
    waitMs = 60_000,
  ): Promise<TaxiiStatus[]> {
    const out: TaxiiStatus[] = [];
    for (const body of envelopes(objects, maxContentLength)) {
      const { json } = await this.request('POST', this.objectsUrl(root, collectionId), body);
      out.push(await this.untilComplete(root, parseStatus(json), waitMs));
    }
    return out;
  }

  /** The status resource `id` of an API root. */
  async status(root: string, id: string): Promise<TaxiiStatus> {
    const { json } = await this.request('GET', `${withSlash(root)}status/${encodeURIComponent(id)}/`);
    return parseStatus(json);
  }

  /** Polls a pending status with a growing wait (0.5 s doubling to 8 s) until complete, or `waitMs` passed. */
  async untilComplete(root: string, first: TaxiiStatus, waitMs: number): Promise<TaxiiStatus> {
    let s = first;
    let wait = 500;
    let waited = 0;
    while (s.status !== 'complete') {
      if (waited >= waitMs)
        throw new TaxiiError(
          'down',
          `The team server accepted the objects but had not finished adding them after ${Math.round(waitMs / 1000)} s (status ${s.id}).`,
        );
      await this.sleep(wait);
      waited += wait;
      wait = Math.min(wait * 2, 8000);
      s = await this.status(root, s.id);
    }
    return s;
  }

  /**
   * Every page of a collection's objects of `types` added after `addedAfter`, following `next` while the
   * server says `more` (or, when it gives no `next`, asking again after the newest date it reported).
   */
  async *objects(
    root: string,
    collectionId: string,
    q: { types?: readonly string[]; addedAfter?: string; limit?: number } = {},
  ): AsyncGenerator<ObjectsPage> {
    let next: string | undefined;
    let after = q.addedAfter;
    const seen = new Set<string>();
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES)
        throw new TaxiiError('server', `The team server kept paging past ${MAX_PAGES} pages; stopped.`);
      const params = new URLSearchParams();
      if (after) params.set('added_after', after);
      if (q.types?.length) params.set('match[type]', q.types.join(','));
      // Always a limit: some servers (medallion) fail a `next` request that has none.
      params.set('limit', String(q.limit ?? 100));
      if (next) params.set('next', next);
      const { json, headers } = await this.request('GET', `${this.objectsUrl(root, collectionId)}?${params}`);
      if (!isObject(json)) throw new TaxiiError('server', 'The team server sent no envelope.');
      const objects = (Array.isArray(json.objects) ? json.objects : []).filter(
        (o): o is StixLike => isObject(o) && typeof o.id === 'string' && typeof o.type === 'string',
      );
      // A page with nothing new is a server going round in circles (the `next` token itself may repeat).
      const fresh = objects.filter((o) => !seen.has(`${o.id}|${String(o.modified ?? '')}`));
      if (objects.length && !fresh.length)
        throw new TaxiiError('server', 'The team server sent the same page twice; stopped.');
      for (const o of fresh) seen.add(`${o.id}|${String(o.modified ?? '')}`);
      const addedLast =
        headers.get('X-TAXII-Date-Added-Last') ?? headers.get('X-TAXII-Date-Added-First') ?? undefined;
      yield { objects, ...(addedLast ? { addedLast } : {}) };
      if (json.more !== true || objects.length === 0) return;
      const n = str(json.next) || (typeof json.next === 'number' ? String(json.next) : '');
      if (n) {
        next = n;
      } else if (addedLast && addedLast !== after) {
        after = addedLast;
      } else {
        throw new TaxiiError('server', 'The team server says there is more but gives no way to ask for it.');
      }
    }
  }
}

function parseStatus(json: unknown): TaxiiStatus {
  if (!isObject(json) || !str(json.id) || (json.status !== 'pending' && json.status !== 'complete'))
    throw new TaxiiError('server', 'The team server did not answer with a TAXII status resource.');
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    id: str(json.id),
    status: json.status,
    total_count: n(json.total_count),
    success_count: n(json.success_count),
    failure_count: n(json.failure_count),
    pending_count: n(json.pending_count),
    ...(Array.isArray(json.failures)
      ? {
          failures: json.failures.filter(isObject).map((f) => ({
            id: str(f.id),
            ...(str(f.version) ? { version: str(f.version) } : {}),
            ...(str(f.message) ? { message: str(f.message) } : {}),
          })),
        }
      : {}),
  };
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/**
 * The request bodies (`{"objects":[…]}` envelopes) that carry `objects` each within `max` bytes, in order;
 * an object too large to travel even alone is a `size` error before anything is sent.
 */
export function envelopes(objects: readonly StixLike[], max: number): string[] {
  const open = '{"objects":[';
  const close = ']}';
  const frame = byteLength(open) + byteLength(close);
  const out: string[] = [];
  let parts: string[] = [];
  let size = frame;
  for (const o of objects) {
    const s = JSON.stringify(o);
    const n = byteLength(s);
    if (frame + n > max)
      throw new TaxiiError(
        'size',
        `${o.id} alone is ${frame + n} bytes, more than the ${max} bytes the team server accepts in one request.`,
      );
    const extra = parts.length ? n + 1 : n;
    if (size + extra > max) {
      out.push(`${open}${parts.join(',')}${close}`);
      parts = [];
      size = frame;
    }
    size += parts.length ? n + 1 : n;
    parts.push(s);
  }
  if (parts.length) out.push(`${open}${parts.join(',')}${close}`);
  return out;
}
