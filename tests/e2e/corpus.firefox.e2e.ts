import { CORPUS, corpusSuite } from './support/corpus-suite';

// A fixed sample of 20: every sixth page or so, spread over the alphabet.
const step = Math.max(1, Math.floor(CORPUS.length / 20));
corpusSuite('firefox', CORPUS.filter((_, i) => i % step === 0).slice(0, 20));
