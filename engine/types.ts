// TEMPORARY re-export: engine/types.ts moved to engine/contract/types.ts. Kept only for branches still in flight
// (engine/ingest, db/ingest-store.ts, bench/: issue 12 items 3 and 6); delete once they import the new path.
export * from './contract/types.js';
