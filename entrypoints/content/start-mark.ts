// Imported first by the content script, so it runs before the bundled knowledge base and matcher tables
// are evaluated: the first `apt-lens:scan` measure then covers loading them too (timing build only).
import { mark } from '../../platform/timing';

mark('apt-lens:start');
