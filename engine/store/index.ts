export type * from './types.js';
export { openFileStore } from './file/index.js';
