export { RetentionSweeper } from './retention-sweeper.js';
export { retentionPlugin } from './retention-plugin.js';
export type { RetentionOptions } from './retention-options.js';
