/**
 * Team sharing's messages (the dashboard's Team server settings and share buttons, the popup's page report
 * → background): one table entry each, spread into `RUNTIME_MESSAGES`. Only extension pages may send them:
 * a content script runs in a renderer the page may have compromised, and these carry credentials and send
 * data off the machine.
 */
import * as v from 'valibot';
import type { ConnectOutcome, PullOutcome, ShareOutcome, TeamProbe, TeamState } from '../taxii/model';
import { PageReportSourceSchema } from './page';
import { answer, message } from './table';

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

/** The page report as the popup's form made it (`lib/stix/page-report-input.ts`). */
const PageReportInputSchema = v.object({
  source: PageReportSourceSchema,
  name: v.pipe(v.string(), v.maxLength(1000)),
  note: v.pipe(v.string(), v.maxLength(10_000)),
  labels: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(100)),
  published: v.pipe(v.string(), v.maxLength(40)),
});

const PAGES = ['extension-page'] as const;

/** The team server's messages, spread into `RUNTIME_MESSAGES`. */
export const TEAM_MESSAGES = [
  message('team:get', {}, answer<TeamState>(), PAGES),
  /** What the server at `discovery` offers these credentials (nothing is stored). */
  message('team:probe', { discovery: Url, auth: AuthSchema }, answer<TeamProbe>(), PAGES),
  /** Stores the server, API root and collection (checked against the server first). */
  message(
    'team:connect',
    { discovery: Url, apiRoot: Url, collectionId: v.pipe(v.string(), v.maxLength(200)), auth: AuthSchema },
    answer<ConnectOutcome>(),
    PAGES,
  ),
  message('team:forget', {}, answer<TeamState>(), PAGES),
  /** Shares incidents by id (one, or a selection). */
  message('team:share', { ids: Ids }, answer<ShareOutcome>(), PAGES),
  /** Shares the popup's page report. */
  message('team:share-report', { input: PageReportInputSchema }, answer<ShareOutcome>(), PAGES),
  /** Sends what waits in the queue now. */
  message('team:retry', {}, answer<ShareOutcome>(), PAGES),
  /** Reads the team's names: `apply: false` fetches and answers the dry run, `true` writes that same batch. */
  message('team:pull', { apply: v.boolean() }, answer<PullOutcome>(), PAGES),
] as const;
