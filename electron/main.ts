/**
 * Electron's main process: a thin shell. It serves the built renderer over
 * app://, hosts the same backend as the CLI and browser mode, and relays the
 * contract over two IPC channels. Everything else lives in backend/ and renderer/.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { eventNames } from '../common/contract.js';
import type { Backend } from '../backend/backend.js';
import { engineChoices } from '../backend/config.js';
import { createWindowBackend } from '../backend/engineSet.js';
import { CONTENT_SECURITY_POLICY } from '../backend/server/security.js';
import { answerTheCli, type WarmAnswers } from '../backend/server/warmAnswers.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';
import { handleCall } from './ipc.js';
import { APP_SCHEME, appFileFor } from './security.js';
import { createMainWindow } from './window.js';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = join(__dirname, '..', 'renderer');
let backend: Backend | null = null;
let warm: WarmAnswers | null = null;

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });

  // Engines named on the command line (--context A --context B, --host URL): several in one window; none, as docker chooses.
  const engines = engineChoices(process.argv.slice(1));
  // Else those chosen in the window last time; engines are added and removed in the window while it runs.
  const activeBackend = createWindowBackend(engines, (line) => console.error(line));
  backend = activeBackend;
  // `dockwire topology` in a terminal is answered from the app's live model (while it follows one engine).
  void answerTheCli(activeBackend, (line) => console.error(line)).then((answers) => (warm = answers));
  ipcMain.handle(CALL_CHANNEL, (event, message) => handleCall(activeBackend.handlers, event, message));

  const window = createMainWindow(BrowserWindow, join(__dirname, 'preload.cjs'), join(__dirname, '..', '..', 'assets', 'icon.png'));
  for (const event of eventNames) {
    activeBackend.on(event, (data) => {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { event, data });
    });
  }
}

/** Says why in a dialog (a desktop app has no terminal to read), then quits. */
function failedToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Dockwire could not start:', message);
  dialog.showErrorBox(
    'Dockwire could not start',
    `${message}\n\nThe same UI also runs in a browser: npm run serve (or npx dockwire serve).`,
  );
  app.exit(1);
}

app.enableSandbox();
app.whenReady().then(start).catch(failedToStart);
app.on('window-all-closed', () => {
  // Stopping the backend also removes the helper container.
  void Promise.all([warm?.close(), backend?.stop()]).finally(() => app.quit());
});
