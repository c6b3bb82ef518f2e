/**
 * The main window, locked down: secure webPreferences, no navigation away from
 * the app, no new windows, no permission but writing to the clipboard, no download but what the page saves. Takes Electron's classes as
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
  // Snapshots and exported pictures are saved through a save dialog; nothing else is downloaded.
  contents.session.on('will-download', (event, item) => {
    if (!downloadAllowed(item.getURL())) return event.preventDefault();
    item.setSaveDialogOptions({ title: 'Save from Dockwire', defaultPath: item.getFilename() });
  });
}

/** What the page itself made: a snapshot (a blob of the app's own page) or an exported picture (a data: URL). */
export function downloadAllowed(url: string): boolean {
  return url.startsWith('blob:app://dockwire/') || /^data:image\/(png|svg\+xml)[;,]/.test(url);
}

/** The one permission the app needs: writing text to the clipboard (the Copy buttons), for its own page only. */
export function permissionAllowed(permission: string, origin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedSender(origin);
}
