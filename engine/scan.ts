// TEMPORARY re-export: engine/scan.ts moved to engine/scan/scan.ts. Kept only for branches still in flight
// (engine/ingest, db/ingest-store.ts, bench/: issue 12 items 3 and 6); delete once they import the new path.
export * from './scan/scan.js';
