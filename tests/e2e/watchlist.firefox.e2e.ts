import { watchlistSuite } from './support/watchlist-suite';

watchlistSuite('firefox');
