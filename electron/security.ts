// The window's security decisions, as plain functions (no Electron import) so they are tested.
// Checklist: contextIsolation, sandbox, no nodeIntegration, webSecurity, a CSP (header and the
// renderer's meta tag), no remote content, navigation and window.open denied, IPC only from our
// own page (and every argument validated, see ipc-handlers.ts).

import { CONTENT_SECURITY_POLICY } from '../engine/contract/csp.js';

/** The app's one policy (engine/contract/csp.ts), also served by `beaconwatch serve` and in renderer/index.html's meta tag. */
export { CONTENT_SECURITY_POLICY };

/** The BrowserWindow webPreferences that matter for security (window.ts adds the preload). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** file:// URL without query or hash, for comparing pages. */
function pageOf(url: string): string | null {
  const u = parse(url);
  if (!u) return null;
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** Only the renderer's own index page (a reload); everything else is denied. */
export function isAllowedNavigation(url: string, rendererIndexUrl: string): boolean {
  const page = pageOf(url);
  return page !== null && page === pageOf(rendererIndexUrl);
}

/**
 * No remote content: file:// only inside the renderer's directory, plus the inline schemes the
 * UI and DevTools use. http(s), ws(s), ftp and file:// elsewhere are cancelled.
 */
export function isAllowedRequest(url: string, rendererDirUrl: string): boolean {
  const u = parse(url);
  if (!u) return false;
  switch (u.protocol) {
    case 'file:': {
      const dir = rendererDirUrl.endsWith('/') ? rendererDirUrl : `${rendererDirUrl}/`;
      const page = pageOf(url);
      // the URL parser already resolved any ../ segments
      return page !== null && page.startsWith(dir);
    }
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    default:
      return false;
  }
}

/** IPC is answered only for frames showing our own page. */
export function isTrustedSender(frameUrl: string | null | undefined, rendererIndexUrl: string): boolean {
  return typeof frameUrl === 'string' && isAllowedNavigation(frameUrl, rendererIndexUrl);
}

/** Adds the CSP to a response's headers (session.webRequest.onHeadersReceived). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
