/**
 * The main window, locked down: secure webPreferences, no navigation away from
 * the app, no new windows, no permission but writing to the clipboard. Takes Electron's classes as
 * parameters so the hardening is tested with fakes, without an Electron binary.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { APP_ENTRY_URL, isTrustedSender, secureWebPreferences } from './security.js';

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
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details?.requestingUrl)),
  );
  contents.session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
}

/** The one permission the app needs: writing text to the clipboard (the Copy buttons), for its own page only. */
export function permissionAllowed(permission: string, origin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedSender(origin);
}
