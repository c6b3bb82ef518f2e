/**
 * The one router every transport uses: validate an untrusted request against
 * the contract, call the handler, and turn the outcome into a Reply.
 */
import { isMethodName, paramValidators, type Handlers, type MethodName } from './contract.js';
import { DockwireError, toErrorData, type Reply } from './errors.js';

export async function dispatch(handlers: Handlers, method: unknown, params: unknown): Promise<Reply<unknown>> {
  try {
    if (!isMethodName(method)) {
      throw new DockwireError('unknown-method', `unknown method: ${String(method).slice(0, 64)}`);
    }
    const call = handlers[method] as (p: unknown) => Promise<unknown>;
    const validated: unknown = paramValidators[method as MethodName](params);
    return { ok: true, result: await call(validated) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}
