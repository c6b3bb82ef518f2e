/**
 * How the renderer reaches the backend: a call that resolves to a Reply and a
 * subscription per event. Electron's preload and browser mode's WebSocket each
 * provide one; the client on top is the same.
 */
import type { EventName, Events, MethodName } from '../../../common/contract';
import type { Reply } from '../../../common/errors';

export type SocketState = 'connecting' | 'open' | 'closed';

export interface Transport {
  call(method: MethodName, params: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (data: Events[E]) => void): () => void;
  /** The socket to the backend itself (not the engine): only browser mode can lose it. */
  onSocketState(listener: (state: SocketState) => void): () => void;
}
