import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BrowserWindowConstructorOptions } from 'electron';
import { appFileFor, isTrustedSender, secureWebPreferences } from './security.js';
import { createMainWindow } from './window.js';
import { handleCall } from './ipc.js';
import type { Handlers } from '../common/contract.js';

type DownloadListener = (
  event: { preventDefault(): void },
  item: { getURL(): string; getFilename(): string; setSaveDialogOptions(options: object): void },
) => void;

/** A stand-in for BrowserWindow that records what the shell asks of it. */
function fakeElectronWindow() {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  const recorded: {
    options?: BrowserWindowConstructorOptions;
    url?: string;
    openHandler?: () => unknown;
    permission?: unknown;
    requestHandler?: (c: unknown, p: string, cb: (granted: boolean) => void, d: { requestingUrl: string }) => void;
    checkHandler?: (c: unknown, p: string, origin: string) => boolean;
    download?: DownloadListener;
  } = {};
  class FakeWindow {
    webContents = {
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: () => unknown) => (recorded.openHandler = handler),
      session: {
        setPermissionRequestHandler: (
          handler: (c: unknown, p: string, cb: (granted: boolean) => void, d: { requestingUrl: string }) => void,
        ) => {
          handler(null, 'media', (granted) => (recorded.permission = granted), { requestingUrl: 'app://dockwire/index.html' });
          recorded.requestHandler = handler;
        },
        setPermissionCheckHandler: (handler: (c: unknown, p: string, origin: string) => boolean) => (recorded.checkHandler = handler),
        on: (name: string, listener: DownloadListener) => name === 'will-download' && (recorded.download = listener),
      },
    };
    constructor(options: BrowserWindowConstructorOptions) {
      recorded.options = options;
    }
    loadURL(url: string) {
      recorded.url = url;
      return Promise.resolve();
    }
  }
  return { FakeWindow, listeners, recorded };
}

describe('Electron security', () => {
  it('turns on context isolation and the sandbox, and Node integration off', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('creates the window with those preferences, loads app://, and denies navigation, new windows and permissions', () => {
    const { FakeWindow, listeners, recorded } = fakeElectronWindow();
    createMainWindow(FakeWindow as never, '/app/preload.cjs');
    expect(recorded.options?.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(recorded.url).toBe('app://dockwire/index.html');
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(recorded.openHandler?.()).toEqual({ action: 'deny' });
    expect(recorded.permission).toBe(false);
  });

  it('grants exactly one permission, writing to the clipboard (the Copy buttons), and only to its own page', () => {
    const { FakeWindow, recorded } = fakeElectronWindow();
    createMainWindow(FakeWindow as never, '/app/preload.cjs');
    const asked = (permission: string, url: string) => {
      let granted: boolean | undefined;
      recorded.requestHandler?.(null, permission, (answer) => (granted = answer), { requestingUrl: url });
      return granted;
    };
    expect(asked('clipboard-sanitized-write', 'app://dockwire/index.html')).toBe(true);
    expect(recorded.checkHandler?.(null, 'clipboard-sanitized-write', 'app://dockwire')).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal']) {
      expect(asked(permission, 'app://dockwire/index.html'), permission).toBe(false);
      expect(recorded.checkHandler?.(null, permission, 'app://dockwire'), permission).toBe(false);
    }
    expect(asked('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('saves what the page made (a snapshot blob, an exported PNG or SVG) through a save dialog, and downloads nothing else', () => {
    const { FakeWindow, recorded } = fakeElectronWindow();
    createMainWindow(FakeWindow as never, '/app/preload.cjs');
    const download = (url: string) => {
      let [prevented, dialog] = [false, undefined as object | undefined];
      recorded.download?.(
        { preventDefault: () => (prevented = true) },
        { getURL: () => url, getFilename: () => 'dockwire-host.json', setSaveDialogOptions: (options) => (dialog = options) },
      );
      return { prevented, dialog };
    };
    expect(download('blob:app://dockwire/2b1c8f0e-1111-4a4a-9999-123456789abc')).toEqual({
      prevented: false,
      dialog: { title: 'Save from Dockwire', defaultPath: 'dockwire-host.json' },
    });
    expect(download('data:image/png;base64,iVBORw0KGgo=').prevented).toBe(false);
    expect(download('data:image/svg+xml;charset=utf-8,%3Csvg').prevented).toBe(false);
    for (const url of [
      'https://evil.example/payload.exe',
      'blob:https://evil.example/x',
      'data:text/html,<script>',
      'file:///etc/passwd',
    ]) {
      expect(download(url).prevented, url).toBe(true);
    }
  });

  it('answers IPC only from its own app:// page', async () => {
    const handlers = { getStatus: async () => 'status' } as unknown as Handlers;
    const call = (url: string | undefined) => handleCall(handlers, { senderFrame: { url } as never }, { method: 'getStatus', params: {} });
    expect(await call('app://dockwire/index.html')).toEqual({ ok: true, result: 'status' });
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', undefined]) {
      expect(await call(url)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(isTrustedSender('not a url')).toBe(false);
  });

  it('serves only files inside the renderer folder over app://', () => {
    expect(appFileFor('/app/renderer', 'app://dockwire/index.html')).toBe('/app/renderer/index.html');
    expect(appFileFor('/app/renderer', 'app://dockwire/assets/x.js')).toBe('/app/renderer/assets/x.js');
    expect(appFileFor('/app/renderer', 'app://dockwire/..%2f..%2fetc/passwd')).toBeNull();
    expect(appFileFor('/app/renderer', 'app://elsewhere/index.html')).toBeNull();
  });
});

describe('the app as packaged (electron-builder.yml)', () => {
  const config = parse(readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8')) as Record<string, unknown>;

  it('flips the fuses that keep the shipped binary from running other code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('keeps the helper binaries outside the archive, where they can be run, and packages the icon', () => {
    expect(config.asarUnpack).toEqual(['dist/helper/**']);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'assets/icon.png']));
    for (const platform of ['linux', 'mac', 'win']) expect((config[platform] as { icon?: string }).icon, platform).toBe('assets/icon.png');
  });
});
