export { FrequentItems, type FrequentValue } from './frequent.js';
export { hash64, hashNumber, hashNumber64, hashString, hashString64, hashWords } from './hash.js';
export { HyperLogLog } from './hll.js';
export { KllSketch } from './kll.js';
export { Moments, type MomentsSummary } from './moments.js';
