/**
 * The one client of this window, picked at start-up: Electron's preload when
 * present, else the WebSocket of browser mode.
 */
import type { DockwireClient } from '../../../common/contract';
import { createClient } from './createClient';
import { createIpcTransport, preloadApi } from './ipcTransport';
import type { Transport } from './transport';
import { createWsTransport, socketUrlFor } from './wsTransport';

let instance: { client: DockwireClient; transport: Transport } | null = null;

export function startClient(): { client: DockwireClient; transport: Transport } {
  if (!instance) {
    const api = preloadApi();
    const transport = api ? createIpcTransport(api) : createWsTransport(socketUrlFor(window.location));
    instance = { client: createClient(transport), transport };
  }
  return instance;
}

export function client(): DockwireClient {
  return startClient().client;
}
