// The contract's public door: renderer/, electron/ and tests import engine/api.ts; the file
// itself is engine/contract/api.ts.
export * from './contract/api.js';
