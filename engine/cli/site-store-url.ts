// `--store`: a clickhouse:// URL (a ClickHouse server shared by several sensors) or a folder (the
// SQLite site store: one ordinary store file per sensor). A composition root's helper: it builds
// the concrete store.
import { ClickHouseSiteStore } from '../../db/site/clickhouse-store.js';
import { parseClickHouseUrl } from '../../db/site/clickhouse-sql.js';
import { sensorStoreOpener } from '../../db/site/sqlite-sensor-files.js';
import { SqliteSiteStore } from '../../db/site/sqlite-site-store.js';
import type { SiteStore } from '../../db/site/site-store.js';
import { EventBatch } from '../ingest/event-batch.js';

export async function openSiteStore(spec: string): Promise<SiteStore> {
  const store = /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)
    ? new ClickHouseSiteStore(parseClickHouseUrl(spec))
    : new SqliteSiteStore(sensorStoreOpener(spec), (ingest) => new EventBatch(ingest));
  try {
    await store.open();
  } catch (err) {
    await store.close().catch(() => {});
    throw new Error(`cannot open the site store ${redact(spec)}: ${(err as Error).message}`, { cause: err });
  }
  return store;
}

/** The URL as said in messages: a password never reaches the terminal or a log. */
function redact(spec: string): string {
  return spec.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:***@');
}
