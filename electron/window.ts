/**
 * The main window, locked down: secure webPreferences, no navigation away from
 * the app, no new windows, no permission grants. Takes Electron's classes as
 * parameters so the hardening is tested with fakes, without an Electron binary.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_ENTRY_URL, secureWebPreferences } from './security.js';

type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(Window: WindowClass, preloadPath: string, iconPath?: string): BrowserWindow {
  const window = new Window({
    width: 1400,
    height: 900,
    title: 'Dockwire',
    backgroundColor: '#0f172a',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  });
  hardenWebContents(window.webContents);
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
