// RITA's "MIME type / URI mismatch": an HTTP answer whose content, as Zeek's file analysis saw it
// (http.log resp_mime_types, guessed from the bytes, not from the server's Content-Type), does
// not fit what the URI asked for. Malware fetches its next stage as "/logo.png" or "/jquery.js"
// so the request looks harmless in a proxy log; the bytes are a Windows executable.
// Only successful answers (2xx) count: an HTML error page for a missing image is no mismatch.

const IMAGE = new Set(['jpg', 'jpeg', 'png', 'gif', 'bmp', 'ico', 'webp']);
const TEXTUAL = new Set(['css', 'js', 'txt']);
/** contents never served as an image, a stylesheet, a script or a text file */
const EXECUTABLE = /^application\/(x-dosexec|x-executable|x-elf|x-mach-o|x-msdownload|x-sharedlib|vnd\.microsoft\.portable-executable)/;

/** The extension of a URI's path (lower case, without query or fragment), or null. */
export function uriExtension(uri: string): string | null {
  let path = uri;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  const dot = last.lastIndexOf('.');
  if (dot <= 0 || dot === last.length - 1) return null;
  const ext = last.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,5}$/.test(ext) ? ext : null;
}

/**
 * "<uri> → <mime>" when the answer does not fit the URI's extension, else null. `mimes`: the
 * resp_mime_types set as logged (comma-separated); `status`: status_code (null when not logged).
 */
export function mimeMismatch(uri: string | null, mimes: string | null, status: string | null): string | null {
  if (!uri || !mimes) return null;
  if (status !== null && !/^2\d\d$/.test(status)) return null;
  const ext = uriExtension(uri);
  if (ext === null || (!IMAGE.has(ext) && !TEXTUAL.has(ext))) return null;
  for (const raw of mimes.split(',')) {
    const mime = raw.trim().toLowerCase();
    if (!mime) continue;
    const bad = EXECUTABLE.test(mime) || mime === 'application/octet-stream' || (IMAGE.has(ext) && mime === 'text/html');
    if (bad) return `${shorten(uri)} → ${mime}`;
  }
  return null;
}

function shorten(uri: string): string {
  const q = uri.search(/[?#]/);
  const path = q >= 0 ? uri.slice(0, q) : uri;
  return path.length > 120 ? `${path.slice(0, 117)}...` : path;
}
