// TEMPORARY re-export: engine/scorers.ts moved to engine/score/scorers.ts. Kept only for branches still in flight
// (engine/ingest, db/ingest-store.ts, bench/: issue 12 items 3 and 6); delete once they import the new path.
export * from './score/scorers.js';
