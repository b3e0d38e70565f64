// The stand-in's BrowserWindow: a Debian Chromium page (playwright-core) whose preload runs in
// the page before the renderer, wrapped as Electron's sandbox does: a CommonJS function whose
// `require` knows only 'electron' (contextBridge and ipcRenderer, see electron-standin-page.ts),
// with no Node globals. ipcRenderer.invoke reaches main's ipcMain handlers with the page's URL
// as senderFrame.url.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { pageSideIpc } from './electron-standin-page.js';
import { preventable, standin, type Listener } from './electron-standin-state.js';

export class WebContents extends EventEmitter {
  page: Page | null = null;
  loading = true;
  openHandler: Listener | null = null;
  constructor(private readonly win: BrowserWindow) {
    super();
  }
  isLoading() {
    return this.loading;
  }
  isDestroyed() {
    return this.win.isDestroyed();
  }
  setWindowOpenHandler(h: Listener) {
    this.openHandler = h;
  }
  send(channel: string, payload: unknown) {
    standin.sent.push({ channel, payload });
    // like Electron, a message to a page that is navigating or gone is dropped
    void this.win.ready
      .then((page) =>
        page.evaluate(([c, p]) => (globalThis as unknown as { __bwStandinDeliver?(c: string, p: unknown): void }).__bwStandinDeliver?.(c, p), [
          channel,
          payload,
        ] as const),
      )
      .catch(() => undefined);
  }
  async executeJavaScript(code: string): Promise<unknown> {
    const page = await this.win.ready;
    return page.evaluate(code);
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents: WebContents;
  readonly ready: Promise<Page>;
  visible = false;
  private destroyed = false;
  private context: BrowserContext | null = null;
  constructor(readonly options: { webPreferences?: { preload?: string; sandbox?: boolean; contextIsolation?: boolean } } & Record<string, unknown>) {
    super();
    this.webContents = new WebContents(this);
    standin.windows.push(this);
    standin.app!.emit('web-contents-created', {}, this.webContents);
    this.ready = this.open();
    this.ready.catch((err: unknown) => standin.pageErrors.push(`window: ${String(err)}`));
  }
  private async open(): Promise<Page> {
    const browser = standin.browser;
    if (!browser) throw new Error('standin.browser is not set');
    this.context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await this.context.newPage();
    page.on('pageerror', (e) => standin.pageErrors.push(e.message));
    await this.context.exposeBinding('__bwStandinInvoke', async ({ frame }, channel: string, arg: unknown) => {
      standin.invoked.push(channel);
      const handler = standin.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: { url: frame.url() }, sender: this.webContents }, arg);
    });
    const preload = this.options.webPreferences?.preload;
    if (preload) {
      // what Electron's sandboxed preload gets: only require('electron'), no Node, strict mode
      const source = readFileSync(preload, 'utf8');
      await this.context.addInitScript({
        content: `var __name = (f) => f;\n(${pageSideIpc.toString()})();\n(function (require, module, exports) {'use strict';\n${source}\n})(window.__bwStandinRequire, { exports: {} }, {});\ndelete window.__bwStandinRequire;`,
      });
    }
    this.webContents.page = page;
    return page;
  }
  async loadFile(file: string): Promise<void> {
    const page = await this.ready;
    this.webContents.loading = true;
    await page.goto(pathToFileURL(file).href);
    this.webContents.loading = false;
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  /** The user closes the window (title bar ×): 'close' may be prevented. */
  async close(): Promise<boolean> {
    const e = preventable();
    this.emit('close', e);
    if (e.defaultPrevented) return false;
    this.destroy();
    if (standin.windows.length === 0) standin.app!.emit('window-all-closed');
    return true;
  }
  closeForQuit(): Promise<boolean> {
    const e = preventable();
    this.emit('close', e);
    if (e.defaultPrevented) return Promise.resolve(false);
    this.destroy();
    return Promise.resolve(true);
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    standin.windows = standin.windows.filter((w) => w !== this);
    void this.context?.close().catch(() => undefined);
    this.emit('closed');
  }
  static getAllWindows() {
    return [...standin.windows];
  }
}
