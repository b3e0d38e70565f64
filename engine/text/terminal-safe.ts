// The one place that decides which characters may reach a terminal. Every string from a log
// (DNS names, Host, SNI, user agents, file names) is attacker-controlled: a C0/C1 control, an
// OSC/CSI escape or a bidi override could retitle the window, fake lines or reverse text. Every
// output path (scan table and JSON, serve/watch logs, error messages) goes through here.

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the Arabic letter mark, zero-width and
// direction marks, line/paragraph separators, embeddings/overrides and isolates, the BOM
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// the same set without \n and \t, for multi-line text we print ourselves
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// what JSON.stringify leaves raw (it escapes C0 itself)
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** One field of text (a name, a path, a message): every unsafe character becomes U+FFFD. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, '\uFFFD');
}

/** Text of several lines we composed (tables, stack traces): newlines and tabs stay. */
export function terminalSafeLines(s: string): string {
  return s.replace(UNSAFE_KEEP_LINES, '\uFFFD');
}

/** JSON for a terminal: the unsafe characters JSON.stringify keeps become \uXXXX (still valid JSON). */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
