import { watchlistSuite } from './support/watchlist-suite';

watchlistSuite('chromium');
