// The one Content-Security-Policy of the app: the Electron session's response header
// (electron/security.ts), `beaconwatch serve`'s header (engine/serve/static-files.ts) and the
// renderer's meta tag (injected into renderer/index.html by its Vite build). No imports, so the
// Vite config can load it.

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/** The policy as a response header carries it. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy in a `<meta>` tag, which cannot carry `frame-ancestors` (browsers ignore it there, with a warning). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** What renderer/index.html holds in its CSP meta tag until the build fills it in. */
export const CSP_PLACEHOLDER = '%BEACONWATCH_CSP%';

/** renderer/index.html with the meta tag's placeholder replaced by the policy (Vite's transformIndexHtml). */
export function injectCsp(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`renderer/index.html lacks the CSP placeholder ${CSP_PLACEHOLDER}`);
  return html.replaceAll(CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY);
}
