// TEMPORARY re-export: engine/settings.ts moved to engine/service/settings.ts. Kept only for branches still in flight
// (engine/ingest, db/ingest-store.ts, bench/: issue 12 items 3 and 6); delete once they import the new path.
export * from './service/settings.js';
