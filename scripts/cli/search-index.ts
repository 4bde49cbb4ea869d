/**
 * The search `apt-lens search` runs. Run from source, it indexes the whole KB; the bundled CLI
 * (scripts/build-cli.ts) replaces this module with the index made at build time, so a call loads that
 * index (about a third cheaper than indexing) and never evaluates the KB.
 */
import { loadKb } from '../../lib/kb/index';
import { type Search, searchDocs, searchOver } from '../../lib/kb/search';

/** The search over the bundled KB. */
export function cliSearch(): Search {
  return searchOver(searchDocs(loadKb()));
}
