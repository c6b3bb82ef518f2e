/** The main process's side of the contract: one handler for every method, checked sender first. */
import type { IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../common/dispatch.js';
import type { Reply } from '../common/errors.js';
import type { Handlers } from '../common/contract.js';
import { isTrustedSender } from './security.js';

export async function handleCall(
  handlers: Handlers,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  message: unknown,
): Promise<Reply<unknown>> {
  if (!isTrustedSender(event.senderFrame?.url)) {
    return { ok: false, error: { code: 'bad-request', message: 'IPC from an untrusted frame' } };
  }
  const { method, params } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; params?: unknown };
  return dispatch(handlers, method, params);
}
