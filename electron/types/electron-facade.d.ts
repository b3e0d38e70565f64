// A minimal, hand-written facade of the Electron 45 API this shell uses: exactly the members
// electron/*.ts call, with the real signatures (narrowed). It is used ONLY when the `electron`
// package is not installed (its binary download needs internet; npm drops the optional
// dependency when that fails), so `npm run build` still emits dist/electron. With the package
// installed, electron/tsconfig.json's `paths` picks node_modules/electron/electron.d.ts first and
// the shell is checked against the real types. Add members here only as the shell starts using
// them, copying the signature from electron.d.ts.
declare module 'electron' {
  type Listener = (...args: any[]) => void;

  interface Event<Params extends object = {}> {
    preventDefault(): void;
    readonly defaultPrevented: boolean;
  }

  interface WebFrameMain {
    readonly url: string;
  }

  interface IpcMainInvokeEvent extends Event {
    readonly senderFrame: WebFrameMain | null;
  }

  interface IpcRendererEvent extends Event {}

  interface RenderProcessGoneDetails {
    reason: string;
    exitCode: number;
  }

  interface HandlerDetails {
    url: string;
    frameName: string;
  }

  type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

  interface WebContents {
    send(channel: string, ...args: any[]): void;
    isLoading(): boolean;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (event: Event, url: string) => void): this;
    on(event: 'will-attach-webview', listener: (event: Event) => void): this;
    on(event: 'render-process-gone', listener: (event: Event, details: RenderProcessGoneDetails) => void): this;
    on(event: 'preload-error', listener: (event: Event, preloadPath: string, error: Error) => void): this;
    once(event: 'did-finish-load', listener: () => void): this;
  }

  interface WebPreferences {
    preload?: string;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    contextIsolation?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    webviewTag?: boolean;
    experimentalFeatures?: boolean;
    navigateOnDragDrop?: boolean;
    spellcheck?: boolean;
  }

  interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    icon?: string | NativeImage;
    backgroundColor?: string;
    webPreferences?: WebPreferences;
  }

  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadFile(filePath: string): Promise<void>;
    show(): void;
    hide(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    isDestroyed(): boolean;
    on(event: 'close', listener: (event: Event) => void): this;
    once(event: 'ready-to-show', listener: () => void): this;
  }

  interface OpenDialogOptions {
    title?: string;
    properties?: Array<'openFile' | 'openDirectory' | 'multiSelections' | 'showHiddenFiles' | 'createDirectory'>;
  }

  interface OpenDialogReturnValue {
    canceled: boolean;
    filePaths: string[];
  }

  namespace dialog {
    function showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    function showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    function showErrorBox(title: string, content: string): void;
  }

  namespace app {
    const isPackaged: boolean;
    function whenReady(): Promise<void>;
    function getPath(name: 'userData' | 'appData' | 'home' | 'temp' | 'logs'): string;
    function setName(name: string): void;
    function setPath(name: 'userData' | 'appData' | 'logs', path: string): void;
    function setAppUserModelId(id: string): void;
    function requestSingleInstanceLock(): boolean;
    function quit(): void;
    function exit(exitCode?: number): void;
    function on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): typeof app;
    function on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: Listener): typeof app;
    function on(event: 'before-quit' | 'will-quit', listener: (event: Event) => void): typeof app;
  }

  namespace ipcMain {
    function handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void;
    function removeHandler(channel: string): void;
  }

  namespace ipcRenderer {
    function invoke(channel: string, ...args: any[]): Promise<any>;
    function on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): typeof ipcRenderer;
    function removeListener(channel: string, listener: (...args: any[]) => void): typeof ipcRenderer;
  }

  namespace contextBridge {
    function exposeInMainWorld(apiKey: string, api: any): void;
  }

  interface MenuItemConstructorOptions {
    label?: string;
    type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
    role?:
      | 'appMenu'
      | 'editMenu'
      | 'windowMenu'
      | 'close'
      | 'quit'
      | 'reload'
      | 'toggleDevTools'
      | 'resetZoom'
      | 'zoomIn'
      | 'zoomOut'
      | 'togglefullscreen';
    accelerator?: string;
    enabled?: boolean;
    click?: () => void;
    submenu?: MenuItemConstructorOptions[] | Menu;
  }

  class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  interface NativeImage {
    isEmpty(): boolean;
  }

  namespace nativeImage {
    function createFromPath(path: string): NativeImage;
  }

  class Tray {
    constructor(image: NativeImage | string);
    setToolTip(toolTip: string): void;
    setContextMenu(menu: Menu | null): void;
    destroy(): void;
    on(event: 'click', listener: Listener): this;
  }

  interface NotificationConstructorOptions {
    title?: string;
    body?: string;
    icon?: string | NativeImage;
    silent?: boolean;
  }

  class Notification {
    static isSupported(): boolean;
    constructor(options?: NotificationConstructorOptions);
    show(): void;
    on(event: 'click' | 'close', listener: Listener): this;
  }

  interface OnBeforeRequestListenerDetails {
    url: string;
  }

  interface CallbackResponse {
    cancel?: boolean;
  }

  interface OnHeadersReceivedListenerDetails {
    url: string;
    responseHeaders?: Record<string, string[]>;
  }

  interface HeadersReceivedResponse {
    cancel?: boolean;
    responseHeaders?: Record<string, string[] | string>;
  }

  interface WebRequest {
    onBeforeRequest(listener: ((details: OnBeforeRequestListenerDetails, callback: (response: CallbackResponse) => void) => void) | null): void;
    onHeadersReceived(
      listener: ((details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void) | null,
    ): void;
  }

  interface Session {
    readonly webRequest: WebRequest;
    setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
    setPermissionCheckHandler(handler: ((webContents: WebContents | null, permission: string) => boolean) | null): void;
  }

  namespace session {
    const defaultSession: Session;
  }
}

// Electron's additions to Node's `process` (main process)
declare namespace NodeJS {
  interface Process {
    readonly resourcesPath: string;
  }
}
