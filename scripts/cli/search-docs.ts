/**
 * What `apt-lens search` indexes. Run from source, it is computed from the whole KB; the bundled CLI
 * (scripts/build-cli.ts) replaces this module with the documents computed at build time, so a call parses
 * the entities' names alone instead of evaluating the whole KB.
 */
import { loadKb } from '../../lib/kb/index';
import { type SearchDoc, searchDocs } from '../../lib/kb/search';

/** The documents of the bundled KB, as `searchOver` takes them. */
export function cliSearchDocs(): SearchDoc[] {
  return searchDocs(loadKb());
}
