/**
 * Team sharing's messages (the dashboard's Team server settings and share buttons, the popup's page report
 * → background): each type, its answer and its valibot shape. Only extension pages may send them
 * (`TEAM_ALLOWED`): a content script runs in a renderer the page may have compromised, and these carry
 * credentials and send data off the machine.
 */
import * as v from 'valibot';
import type { ConnectOutcome, PullOutcome, ShareOutcome, TeamProbe, TeamState } from '../taxii/model';
import { PageReportSourceSchema } from './page';

/** The credentials a reader types: HTTP Basic, a bearer token, or none. */
const AuthSchema = v.variant('kind', [
  v.object({
    kind: v.literal('basic'),
    username: v.pipe(v.string(), v.maxLength(500)),
    password: v.pipe(v.string(), v.maxLength(2000)),
  }),
  v.object({ kind: v.literal('bearer'), token: v.pipe(v.string(), v.maxLength(8000)) }),
  v.object({ kind: v.literal('none') }),
]);

const Url = v.pipe(v.string(), v.maxLength(2048));
const Ids = v.pipe(v.array(v.pipe(v.string(), v.uuid())), v.maxLength(10_000));

/** Requests about the team server. */
export type TeamRequest =
  | { type: 'team:get' }
  /** What the server at `discovery` offers these credentials (nothing is stored). */
  | { type: 'team:probe'; discovery: string; auth: v.InferOutput<typeof AuthSchema> }
  /** Stores the server, API root and collection (checked against the server first). */
  | {
      type: 'team:connect';
      discovery: string;
      apiRoot: string;
      collectionId: string;
      auth: v.InferOutput<typeof AuthSchema>;
    }
  | { type: 'team:forget' }
  /** Shares incidents by id (one, or a selection). */
  | { type: 'team:share'; ids: string[] }
  /** Shares the popup's page report. */
  | { type: 'team:share-report'; input: v.InferOutput<typeof PageReportInputSchema> }
  /** Sends what waits in the queue now. */
  | { type: 'team:retry' }
  /** Reads the team's names: `apply: false` fetches and answers the dry run, `true` writes that same batch. */
  | { type: 'team:pull'; apply: boolean };

/** The page report as the popup's form made it (`lib/stix/page-report-input.ts`). */
const PageReportInputSchema = v.object({
  source: PageReportSourceSchema,
  name: v.pipe(v.string(), v.maxLength(1000)),
  note: v.pipe(v.string(), v.maxLength(10_000)),
  labels: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(100)),
  published: v.pipe(v.string(), v.maxLength(40)),
});

/** The background's answer to each team request. */
export interface TeamResponseOf {
  'team:get': TeamState;
  'team:probe': TeamProbe;
  'team:connect': ConnectOutcome;
  'team:forget': TeamState;
  'team:share': ShareOutcome;
  'team:share-report': ShareOutcome;
  'team:retry': ShareOutcome;
  'team:pull': PullOutcome;
}

/** The shapes of the team requests, for the protocol's one variant. */
export const TEAM_REQUEST_SCHEMAS = [
  v.object({ type: v.literal('team:get') }),
  v.object({ type: v.literal('team:probe'), discovery: Url, auth: AuthSchema }),
  v.object({
    type: v.literal('team:connect'),
    discovery: Url,
    apiRoot: Url,
    collectionId: v.pipe(v.string(), v.maxLength(200)),
    auth: AuthSchema,
  }),
  v.object({ type: v.literal('team:forget') }),
  v.object({ type: v.literal('team:share'), ids: Ids }),
  v.object({ type: v.literal('team:share-report'), input: PageReportInputSchema }),
  v.object({ type: v.literal('team:retry') }),
  v.object({ type: v.literal('team:pull'), apply: v.boolean() }),
] as const;

/** Team requests come from extension pages only. */
export const TEAM_ALLOWED = {
  'team:get': ['extension-page'],
  'team:probe': ['extension-page'],
  'team:connect': ['extension-page'],
  'team:forget': ['extension-page'],
  'team:share': ['extension-page'],
  'team:share-report': ['extension-page'],
  'team:retry': ['extension-page'],
  'team:pull': ['extension-page'],
} as const satisfies Record<TeamRequest['type'], readonly ['extension-page']>;

/** Whether a request is about the team server. */
export function isTeamRequest(req: { type: string }): req is TeamRequest {
  return req.type.startsWith('team:');
}
