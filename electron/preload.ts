/**
 * Runs sandboxed, with context isolation: exposes exactly one frozen object,
 * `window.dockwire`, built from the contract's method and event names. Each
 * method resolves to a Reply (errors as data: Error objects lose their code
 * crossing the bridge); the renderer's client rethrows them. `on` returns its
 * unsubscribe. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, methodNames } from '../common/contract.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';

const api: Record<string, unknown> = {};
for (const method of methodNames) {
  api[method] = (params: unknown) => ipcRenderer.invoke(CALL_CHANNEL, { method, params });
}
api.on = (event: unknown, listener: (data: unknown) => void) => {
  if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`);
  const handler = (_: IpcRendererEvent, message: { event: string; data: unknown }) => {
    if (message.event === event) listener(message.data);
  };
  ipcRenderer.on(EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
};

contextBridge.exposeInMainWorld('dockwire', Object.freeze(api));
