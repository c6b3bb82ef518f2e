/** Electron: the preload's frozen `window.dockwire` object. */
import type { EventName, Events, MethodName } from '../../../common/contract';
import type { Reply } from '../../../common/errors';
import type { Transport } from './transport';

interface PreloadApi {
  on(event: EventName, listener: (data: unknown) => void): () => void;
  [method: string]: unknown;
}

export function preloadApi(): PreloadApi | null {
  return (window as unknown as { dockwire?: PreloadApi }).dockwire ?? null;
}

export function createIpcTransport(api: PreloadApi): Transport {
  return {
    call(method: MethodName, params: unknown) {
      const fn = api[method] as ((p: unknown) => Promise<Reply<unknown>>) | undefined;
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown-method', message: `no method ${method}` } });
      return fn(params);
    },
    on<E extends EventName>(event: E, listener: (data: Events[E]) => void) {
      return api.on(event, listener as (data: unknown) => void);
    },
    onSocketState(listener) {
      // IPC to our own main process cannot drop while the window exists.
      listener('open');
      return () => {};
    },
  };
}
