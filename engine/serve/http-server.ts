// `beaconwatch serve`'s HTTP side: the built renderer plus `POST /api/<method>`, node:http only.
// Every argument is validated with the contract's schemas. A token always guards the API, on
// loopback too: any local user can reach 127.0.0.1, and a root-run server must not take allow
// rules from `nobody`. Browsers get it through the URL fragment printed at start.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiArgs, ApiError, parseApiArg, type ApiErrorShape, type ApiMethod, type BeaconwatchApi } from '../contract/api.js';
import { securityHeaders, serveStatic } from './static-files.js';

export interface HttpServerOptions {
  api: BeaconwatchApi;
  host: string;
  port: number;
  /** every API call must carry `Authorization: Bearer <token>` */
  token: string;
  /** the built renderer (renderer/dist) */
  staticDir: string;
  /** largest accepted request body, bytes (allow-list imports are the big ones) */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 6 * 1024 * 1024;
const STATUS: Record<ApiErrorShape['code'], number> = { 'invalid-argument': 400, 'not-found': 404, unauthorized: 401, failed: 500 };
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorShape['code'],
    message: string,
  ) {
    super(message);
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** constant-time comparison of the presented bearer token with the expected one */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return timingSafeEqual(digest(m?.[1] ?? ''), digest(token)) && m !== null;
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** No Origin (curl, scripts), or the page's own origin (`http://<Host header>`). */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new HttpFailure(413, 'invalid-argument', `request body over ${limit} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpFailure(413, 'invalid-argument', `request body over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function isMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiArgs, name);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, name: string, opts: HttpServerOptions): Promise<void> {
  if (!tokenMatches(req.headers.authorization, opts.token)) {
    throw new HttpFailure(401, 'unauthorized', 'a valid token is required: open the URL printed by `beaconwatch serve`');
  }
  if (!isMethod(name)) throw new HttpFailure(404, 'not-found', `no such API method: ${name.slice(0, 64)}`);
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    throw new HttpFailure(405, 'invalid-argument', 'use POST');
  }
  // JSON only: a cross-site form or "simple" fetch cannot set this type without a CORS preflight
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpFailure(415, 'invalid-argument', 'send the argument as application/json');
  }
  const text = await readBody(req, opts.maxBodyBytes ?? DEFAULT_MAX_BODY);
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new HttpFailure(400, 'invalid-argument', `${name}: the body is not valid JSON`);
    }
  }
  const arg = parseApiArg(name, raw);
  const call = opts.api[name] as (a: unknown) => Promise<unknown>;
  const result = await call(arg);
  sendJson(res, 200, { ok: true, result: result ?? null });
}

/** An error for the log: its stack, then its causes' (a wrapped SQLite failure keeps its own). */
function describeFailure(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = e instanceof Error ? e.cause : undefined, depth++) {
    parts.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
  return parts.join('\ncaused by: ');
}

function fail(res: ServerResponse, err: unknown, log?: (line: string) => void): void {
  let status = 500;
  let code: ApiErrorShape['code'] = 'failed';
  let message = 'internal error';
  let fields: ApiErrorShape['fields'];
  if (err instanceof HttpFailure) [status, code, message] = [err.status, err.code, err.message];
  else if (err instanceof ApiError) [status, code, message, fields] = [STATUS[err.code] ?? 500, err.code, err.message, err.fields];
  else if (err instanceof Error) message = err.message;
  if (status >= 500) log?.(`serve: ${describeFailure(err)}`);
  if (res.headersSent) return void res.destroy();
  sendJson(res, status, { ok: false, error: { code, message, ...(fields ? { fields } : {}) } });
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  if (typeof opts.token !== 'string' || opts.token.length === 0) {
    throw new Error(`refusing to serve on ${opts.host} without a token`);
  }
  // bound to loopback, only loopback names may reach us: a DNS-rebinding page cannot
  const guardHostHeader = isLoopbackHost(opts.host);
  const server = createServer((req, res) => {
    securityHeaders(res);
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      return fail(res, new HttpFailure(400, 'invalid-argument', 'bad URL'));
    }
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (guardHostHeader && !isLoopbackHost(hostName)) {
      return fail(res, new HttpFailure(403, 'unauthorized', 'unexpected Host header'));
    }
    // a browser names the page that sent the request: only our own pages may call the API
    if (!originAllowed(req.headers.origin, req.headers.host)) {
      return fail(res, new HttpFailure(403, 'unauthorized', 'cross-origin request refused'));
    }
    const api = /^\/api\/([^/]*)$/.exec(pathname);
    const work = api ? handleApi(req, res, api[1] ?? '', opts) : serveStatic(req, res, opts.staticDir, pathname);
    work.catch((err: unknown) => fail(res, err, opts.log));
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
