/**
 * The renderer's typed client, derived from the contract's types: any method
 * name becomes a call through the transport, and error replies are rethrown as
 * DockwireError with their code.
 */
import type { DockwireClient, MethodName } from '../../../common/contract';
import { unwrapReply } from '../../../common/errors';
import type { Transport } from './transport';

export function createClient(transport: Transport): DockwireClient {
  return new Proxy({} as DockwireClient, {
    get(_target, name) {
      if (name === 'on') return transport.on.bind(transport);
      if (typeof name !== 'string') return undefined;
      return async (params: unknown) => unwrapReply(await transport.call(name as MethodName, params ?? {}));
    },
  });
}
