/**
 * What team sharing keeps and answers: the team server the reader added (its secret stays in the
 * background's database), what was shared to it and how that went, and the answers of the `team:` messages.
 * Kept apart from the service so the protocol and the dashboard import the types without the store.
 */
import type { OverlayImportReport } from '../overlay/import/report';
import type { StixLike, TaxiiAuth, TaxiiErrorKind } from './client';

/** The team server as stored: where, which API root and collection, and the credentials. */
export interface TeamServer {
  discovery: string;
  apiRoot: string;
  apiRootTitle: string;
  /** The API root's `max_content_length` (requests are split to fit). */
  maxContentLength: number;
  collectionId: string;
  collectionTitle: string;
  canRead: boolean;
  canWrite: boolean;
  auth: TaxiiAuth;
  addedAt: string;
}

/** The server as extension pages see it: everything but the secret. */
export type TeamServerView = Omit<TeamServer, 'auth'> & {
  authKind: TaxiiAuth['kind'];
  username?: string;
};

/** Why a share or sync failed: the client's kinds, or no server (or no writable collection) set up. */
export type TeamFailureKind = TaxiiErrorKind | 'not-configured';

/** A failure as the reader reads it. */
export interface TeamFailure {
  kind: TeamFailureKind;
  message: string;
}

/**
 * One thing shared with the team (an incident, or a page report) and how it went. Until the server has
 * all of it (`state: 'pending'`), the record carries the STIX objects themselves: that is the retry queue,
 * kept in the database so it survives restarts, and nothing is dropped on a failure.
 */
export interface ShareRecord {
  /** The incident's id, or `report:` and the page report's STIX id. */
  key: string;
  kind: 'incident' | 'report';
  title: string;
  state: 'pending' | 'shared';
  /** The objects still to send (dropped once shared). */
  objects?: StixLike[];
  objectCount: number;
  /** The STIX ids of what it sends (what was shared, once it was). */
  objectIds: string[];
  /** The collection it was (or is to be) shared to, by title. */
  collection: string;
  queuedAt: string;
  sharedAt?: string;
  lastAttemptAt?: string;
  attempts: number;
  /** The last attempt's failure (cleared when it succeeds). */
  error?: TeamFailure;
}

/** A share record as extension pages see it (without the objects). */
export type ShareView = Omit<ShareRecord, 'objects'>;

/** Everything the Team server settings and the share buttons show. */
export interface TeamState {
  server?: TeamServerView;
  shares: ShareView[];
  pending: number;
  /** The newest date added the last confirmed sync read up to. */
  syncedUpTo?: string;
}

/** What the server offers once reached: its API roots, each with its collections and the reader's rights. */
export type TeamProbe =
  | {
      ok: true;
      title: string;
      roots: {
        url: string;
        title: string;
        maxContentLength: number;
        collections: { id: string; title: string; canRead: boolean; canWrite: boolean }[];
        /** Why this root's collections could not be listed, if they could not. */
        error?: string;
      }[];
    }
  | ({ ok: false } & TeamFailure);

/** What a share (or a retry) did: how many went through now, how many wait in the queue, why. */
export interface ShareOutcome {
  shared: number;
  pending: number;
  failures: (TeamFailure & { key: string; title: string })[];
}

/** A sync's answer: the import summary of what the collection holds (dry run or written), or why not. */
export type PullOutcome =
  | { ok: true; fetched: number; report?: OverlayImportReport; nothingNew?: boolean }
  | ({ ok: false } & TeamFailure);

/** The outcome of adding or forgetting the server. */
export type ConnectOutcome = { ok: true; state: TeamState } | ({ ok: false } & TeamFailure);

/** A share's or retry's outcome in words: how many went, how many wait, and the first reason. */
export function shareSummary(out: ShareOutcome): string {
  const parts = [`${out.shared} shared`];
  if (out.pending) parts.push(`${out.pending} waiting to be sent`);
  const first = out.failures[0];
  return `${parts.join(', ')}.${first ? ` ${first.message}` : ''}`;
}
