// Imported first by the page's second stage (entrypoints/page-stage/): the task that evaluates the matcher
// and its tables is measured from here to `apt-lens:matcher-ready` (timing build only).
import { mark } from '../../platform/timing';

mark('apt-lens:stage-start');
