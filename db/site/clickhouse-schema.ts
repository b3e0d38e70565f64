// The ClickHouse site schema, as numbered migrations like SQLite's (db/migrations/): each runs
// once per database, recorded in `schema_migrations`. Written for ClickHouse 18.16 (Debian's),
// which has no LowCardinality (experimental there), no DateTime64 and no transactions: times are
// Float64 epoch seconds, strings plain String, and idempotence comes from the sorting key.

export interface ClickHouseMigration {
  version: number;
  name: string;
  /** statements with `{db}` for the database */
  statements: readonly string[];
}

export const CLICKHOUSE_MIGRATIONS: readonly ClickHouseMigration[] = [
  {
    version: 1,
    name: 'events and positions',
    statements: [
      // One row per event. ReplacingMergeTree keeps one row per sorting key; (file, ordinal)
      // ends the key, so a re-sent event (same file, same ordinal, same values) collapses into the
      // stored one at the next merge, and reads count by (file, ordinal) meanwhile. Distinct events never share
      // (file, ordinal). A pair's series is one range of the (sensor, src, dst, ts) prefix.
      `CREATE TABLE IF NOT EXISTS {db}.events (
        sensor String, source String, variant String, src String, dst String, direction String,
        ts Float64, bytes Float64, port Nullable(UInt16), proto String, service String,
        file String, ordinal UInt64
      ) ENGINE = ReplacingMergeTree()
      PARTITION BY toYYYYMM(toDateTime(toUInt32(ts)))
      ORDER BY (sensor, src, dst, ts, source, variant, file, ordinal)`,
      // One row per append; a file's position is its row with the largest offset (offset and
      // events only grow), merged away in the background by the same engine.
      `CREATE TABLE IF NOT EXISTS {db}.positions (
        sensor String, fingerprint String, kind String, path String,
        offset UInt64, events UInt64, complete UInt8, written Float64
      ) ENGINE = ReplacingMergeTree(offset)
      ORDER BY (sensor, fingerprint)`,
    ],
  },
];
