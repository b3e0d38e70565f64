// Downloads one feed with Node's fetch: a conditional request (If-None-Match / If-Modified-Since,
// so an unchanged feed costs a 304), a size limit enforced while streaming, a timeout, and the
// checks that tell a feed from what a failing server sends instead. Every refusal is a
// FeedRejected with a reason a person can act on; the caller records it beside the last good
// copy, which stays (update.ts).
import { FeedRejected, parseFeed, type ParseResult } from './parse.js';
import type { FeedFormat } from '../contract/intel-values.js';

/**
 * 50 MiB: the largest abuse.ch export we read (URLhaus' host file) is a few MiB, so this leaves
 * room to grow while a runaway or hostile server cannot fill the memory or the database.
 */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;
/** a whole download, headers to last byte */
export const FETCH_TIMEOUT_MS = 60_000;
/**
 * A copy with over GROWTH_LIMIT times the entries of the last good one is refused as suspicious
 * (a list gone wrong would raise half the internet), unless it is still small: under
 * GROWTH_FLOOR entries a list may grow freely (a 3-line list becoming 400 lines is editing, not
 * an accident).
 */
export const GROWTH_LIMIT = 100;
export const GROWTH_FLOOR = 1000;

export interface FetchOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  /** entries of the last good copy, for the growth check (0: none yet) */
  previousEntries?: number;
  fetchImpl?: typeof fetch;
  /** the host is stopping: give up at once */
  signal?: AbortSignal;
}

export type FetchOutcome =
  { kind: 'not-modified' } | { kind: 'ok'; parsed: ParseResult; bytes: number; etag: string | null; lastModified: string | null };

export async function fetchFeed(url: string, format: FeedFormat, opts: FetchOptions = {}): Promise<FetchOutcome> {
  const maxBytes = opts.maxBytes ?? MAX_FEED_BYTES;
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  const headers: Record<string, string> = { 'user-agent': 'beaconwatch (threat-intel feed update)' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  let res: Response;
  const signal = opts.signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), opts.signal]) : AbortSignal.timeout(timeoutMs);
  try {
    res = await (opts.fetchImpl ?? fetch)(url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    throw new FeedRejected(networkReason(err, timeoutMs));
  }
  if (res.status === 304) {
    await res.body?.cancel();
    return { kind: 'not-modified' };
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new FeedRejected(`the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const type = (res.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('text/html')) {
    await res.body?.cancel();
    throw new FeedRejected(`the server sent a web page (content-type ${type.split(';')[0]}), not the feed`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new FeedRejected(`the feed is ${mib(declared)}, over the ${mib(maxBytes)} limit`);
  }
  const body = await readLimited(res, maxBytes, timeoutMs);
  // fetch decodes gzip itself; Content-Length then counts the compressed bytes
  const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (Number.isFinite(declared) && !encoded && body.length !== declared) {
    throw new FeedRejected(`truncated download: ${body.length} of ${declared} bytes arrived`);
  }
  const text = new TextDecoder('utf-8').decode(body);
  const parsed = checkedParse(format, text, opts.previousEntries ?? 0, { download: true });
  return { kind: 'ok', parsed, bytes: body.length, etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
}

/**
 * Parses a download or an imported file and applies the checks that keep a good copy: the
 * format's own (HTML page, no entries, mostly unreadable: parse.ts), a cut-off last line for a
 * download (a complete download ends with a newline), and the growth rule.
 */
export function checkedParse(format: FeedFormat, text: string, previousEntries: number, opts: { download: boolean }): ParseResult {
  if (opts.download && text.length > 0 && !text.endsWith('\n')) {
    const last = text.slice(text.lastIndexOf('\n') + 1).trim();
    if (last !== '' && !last.startsWith('#') && !lineReads(format, last)) {
      throw new FeedRejected('truncated download: the last line is cut off');
    }
  }
  const parsed = parseFeed(format, text);
  const n = parsed.entries.length;
  if (previousEntries > 0 && n > GROWTH_FLOOR && n > previousEntries * GROWTH_LIMIT) {
    throw new FeedRejected(
      `suspicious: ${n} entries where the last good copy had ${previousEntries} (over ${GROWTH_LIMIT}× more); kept the last good copy. Import the file by hand if the growth is real.`,
    );
  }
  return parsed;
}

function lineReads(format: FeedFormat, line: string): boolean {
  try {
    return parseFeed(format, line).malformed === 0;
  } catch {
    return false;
  }
}

async function readLimited(res: Response, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new FeedRejected(`the feed is over the ${mib(maxBytes)} limit; download stopped`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FeedRejected) throw err;
    // the connection closed or the timeout fired mid-body: what arrived is not the whole feed
    throw new FeedRejected(`truncated download: ${networkReason(err, timeoutMs)} after ${total} bytes`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'AbortError') return 'stopped (Beaconwatch is closing)';
  if (e.name === 'TimeoutError') return `no complete answer within ${Math.round(timeoutMs / 1000)} s (timeout)`;
  const cause = e.cause?.code ?? e.cause?.message;
  const why = cause === 'ENOTFOUND' || cause === 'EAI_AGAIN' ? `${cause}: the name did not resolve; offline?` : (cause ?? e.message);
  return `could not reach the server (${why})`;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
