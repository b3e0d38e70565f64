// The shared state of the electron stand-in (tests/support/electron-standin.ts): what the test
// sees and steers, and Electron's preventable events.
import type { EventEmitter } from 'node:events';
import type { Browser } from 'playwright-core';
import type { BrowserWindow } from './electron-standin-window.js';

export type Listener = (...args: unknown[]) => unknown;
export interface MenuTemplateItem {
  label?: string;
  type?: string;
  role?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
  submenu?: MenuTemplateItem[];
}

/** What the test sees and steers. */
export const standin = {
  /** the stand-in's `app` (set by electron-standin.ts) */
  app: null as EventEmitter | null,
  browser: null as Browser | null,
  version: '0.0.0',
  paths: new Map<string, string>(),
  windows: [] as BrowserWindow[],
  trays: [] as { labels(): string[]; click(label: string): void; destroyed: boolean }[],
  notifications: [] as (EventEmitter & { shown: boolean; options: { title: string; body: string } })[],
  applicationMenu: null as { items: MenuTemplateItem[] } | null,
  handlers: new Map<string, Listener>(),
  invoked: [] as string[],
  sent: [] as { channel: string; payload: unknown }[],
  errorBoxes: [] as { title: string; content: string }[],
  openDialogResult: { canceled: true, filePaths: [] as string[] },
  session: { beforeRequest: null as Listener | null, headersReceived: null as Listener | null, permissionRequest: null as Listener | null },
  events: [] as string[],
  /** resolved with the exit code when the app quits (app.quit completing, or app.exit) */
  exited: null as Promise<number> | null,
  exitCode: null as number | null,
  resolveExit: (_code: number) => {},
  pageErrors: [] as string[],
};
standin.exited = new Promise<number>((resolve) => {
  standin.resolveExit = (code) => {
    if (standin.exitCode !== null) return;
    standin.exitCode = code;
    resolve(code);
  };
});

export function preventable(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}
