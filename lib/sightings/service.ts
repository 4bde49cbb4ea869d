/**
 * The background's side of a page's report (kept here, not in the entry point, so it runs in Node against
 * fake-indexeddb): how many watched entities the page names (the toolbar badge), and which of its entities
 * are recorded as sightings under the reader's settings.
 */
import { isPaused, recordsSightingOf, type Settings } from '../settings';
import type { SightingsDb } from './db';
import { type RecordResult, recordPage } from './store';

/** A content script's report of what its page names, with the URL the browser gave for its sender. */
export interface SightingsReport {
  /** The page's address (`pageAddress`: the sender's URL or a same-site address it claims, cleaned). */
  url: string;
  /**
   * The host of the browser's URL of the sender: a page paused under that name records nothing, whatever
   * host its canonical address has (`www.` or not).
   */
  senderHost?: string;
  /** Whether the page may be recorded at all (a web page in an ordinary window). */
  recordable: boolean;
  title: string;
  visit: boolean;
  entities: readonly { id: string; sentence: string }[];
}

/** What the background does with a report: the badge's number, and what was written. */
export interface ReportOutcome {
  watched: number;
  recorded: RecordResult | undefined;
}

/** Counts the watched entities a page names and records the sightings the settings ask for. */
export async function handleSightingsReport(
  db: () => Promise<SightingsDb>,
  report: SightingsReport,
  settings: Settings,
  now: Date,
): Promise<ReportOutcome> {
  let site = '';
  try {
    site = new URL(report.url).hostname;
  } catch {
    return { watched: 0, recorded: undefined };
  }
  if (isPaused(settings, site) || (report.senderHost && isPaused(settings, report.senderHost)))
    return { watched: 0, recorded: undefined };
  const watchlist = new Set(settings.watchlist);
  const watched = new Set(report.entities.filter((e) => watchlist.has(e.id)).map((e) => e.id)).size;
  const kept = report.recordable ? report.entities.filter((e) => recordsSightingOf(settings, e.id)) : [];
  if (kept.length === 0) return { watched, recorded: undefined };
  const recorded = await recordPage(await db(), {
    url: report.url,
    title: report.title,
    site,
    seenAt: now.toISOString(),
    visit: report.visit,
    entities: kept.map((e) => ({ entityId: e.id, sentence: e.sentence })),
  });
  return { watched, recorded };
}
