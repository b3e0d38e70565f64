// What closing the main window does, per platform, and the one shell preference it reads.
// Plain module (no Electron import), so it is tested in plain Node.
//
// - macOS: the app stays running (menu bar and Dock; clicking the Dock icon reopens the window).
// - Windows: the notification area always shows a tray icon: closing hides to it.
// - Linux: `new Tray()` never fails, but GNOME without the AppIndicator extension shows no icon,
//   so hiding there would leave an invisible app. Closing quits, unless the user chose "keep
//   running in the background" AND a tray icon is known to show.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ClosePolicyInput {
  platform: NodeJS.Platform;
  /** a Tray was created */
  hasTray: boolean;
  /** a tray icon is known to be visible (see trayKnownVisible) */
  trayVisible: boolean;
  /** the user's "keep running in the background" choice */
  keepInBackground: boolean;
}

/** true: closing the window quits the app; false: the window hides and the app keeps running. */
export function closeQuits(p: ClosePolicyInput): boolean {
  if (p.platform === 'darwin') return false;
  if (p.platform === 'win32') return !p.hasTray;
  return !(p.hasTray && p.trayVisible && p.keepInBackground);
}

// desktops whose panels show StatusNotifierItem / XEmbed icons out of the box
const TRAY_DESKTOPS = ['kde', 'xfce', 'cinnamon', 'mate', 'lxqt', 'lxde', 'budgie', 'unity', 'deepin', 'ukui', 'enlightenment'];

export interface TrayVisibilityInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** whether a StatusNotifierWatcher owns its D-Bus name (null: could not ask) */
  statusNotifierWatcher: boolean | null;
}

/**
 * Whether a tray icon will show. On Linux an icon needs a StatusNotifierWatcher on the session
 * bus (KDE, or GNOME with the AppIndicator extension, …); when the bus cannot be asked we go by
 * the desktop's name, and GNOME (which has none by default) counts as "no".
 */
export function trayKnownVisible(input: TrayVisibilityInput): boolean {
  if (input.platform !== 'linux') return true;
  if (input.statusNotifierWatcher !== null) return input.statusNotifierWatcher;
  const desktops = (input.env.XDG_CURRENT_DESKTOP ?? input.env.DESKTOP_SESSION ?? '').toLowerCase().split(/[:;]/);
  return desktops.some((d) => TRAY_DESKTOPS.some((t) => d.includes(t)));
}

/** Arguments for `dbus-send` asking whether a StatusNotifierWatcher is on the session bus. */
export const WATCHER_QUERY = [
  '--session',
  '--print-reply',
  '--dest=org.freedesktop.DBus',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.kde.StatusNotifierWatcher',
] as const;

/** Reads dbus-send's reply ("boolean true"); null when it did not answer. */
export function parseWatcherReply(status: number | null, stdout: string): boolean | null {
  if (status !== 0) return null;
  const m = /boolean (true|false)/.exec(stdout);
  return m ? m[1] === 'true' : null;
}

export interface ShellPrefs {
  keepInBackground: boolean;
}

const DEFAULT_PREFS: ShellPrefs = { keepInBackground: false };

/** The shell's own preferences (<userData>/shell-prefs.json); defaults when absent or unreadable. */
export function loadShellPrefs(file: string): ShellPrefs {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShellPrefs>;
    return { keepInBackground: raw.keepInBackground === true };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function saveShellPrefs(file: string, prefs: ShellPrefs): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(prefs, null, 2)}\n`);
}
