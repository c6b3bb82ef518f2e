import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { appFileFor, isTrustedSender, secureWebPreferences } from './security.js';
import { createMainWindow } from './window.js';
import { handleCall } from './ipc.js';
import type { Handlers } from '../common/contract.js';

/** A stand-in for BrowserWindow that records what the shell asks of it. */
function fakeElectronWindow() {
  const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  const recorded: { options?: BrowserWindowConstructorOptions; url?: string; openHandler?: () => unknown; permission?: unknown } = {};
  class FakeWindow {
    webContents = {
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => listeners.set(name, listener),
      setWindowOpenHandler: (handler: () => unknown) => (recorded.openHandler = handler),
      session: {
        setPermissionRequestHandler: (handler: (c: unknown, p: string, cb: (granted: boolean) => void) => void) =>
          handler(null, 'media', (granted) => (recorded.permission = granted)),
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
