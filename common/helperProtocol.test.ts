/**
 * The shared fixtures, through the TypeScript half of the protocol: every
 * request, result, error and event is accepted exactly (the checkers refuse an
 * unknown or missing field). native-helper/protocol_fixtures_test.go puts the
 * same file through the Go half.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELPER_ERROR_CODES, helperError, helperEvents, helperMethods, type HelperMethod } from './helperProtocol';

const fixtures = JSON.parse(readFileSync(new URL('./helperProtocol.fixtures.json', import.meta.url), 'utf8')) as {
  requests: Record<string, unknown>;
  results: Record<string, unknown>;
  errors: unknown[];
  events: Record<string, unknown>;
  errorCodes: string[];
};
const methods = Object.keys(helperMethods) as HelperMethod[];

describe('the helper protocol’s fixtures, in TypeScript', () => {
  it('cover every method, both ways', () => {
    expect(Object.keys(fixtures.requests).sort()).toEqual([...methods].sort());
    expect(Object.keys(fixtures.results).sort()).toEqual([...methods].sort());
  });

  it.each(methods)('%s: the request and the result fit, field for field', (method) => {
    expect(helperMethods[method].params(fixtures.requests[method], 'params')).toEqual(fixtures.requests[method]);
    expect(helperMethods[method].result(fixtures.results[method], 'result')).toEqual(fixtures.results[method]);
  });

  // The Go side checks its own codes against the same list (native-helper/errorcodes.go).
  it('list the error codes the helper may send: exactly the backend’s, but helper-gone, which is its own', () => {
    expect([...fixtures.errorCodes].sort()).toEqual(HELPER_ERROR_CODES.filter((code) => code !== 'helper-gone').sort());
  });

  it('a field the other side does not know is refused', () => {
    const extra = { ...(fixtures.results.tcp as object), retries: 1 };
    expect(() => helperMethods.tcp.result(extra, 'result')).toThrow('unexpected result.retries');
    const missing = { ...(fixtures.results.route as Record<string, unknown>) };
    delete missing.ifname;
    expect(() => helperMethods.route.result(missing, 'result')).toThrow('result.ifname');
  });

  it('errors and events fit', () => {
    for (const error of fixtures.errors) expect(helperError(error, 'error')).toEqual(error);
    for (const [name, data] of Object.entries(fixtures.events))
      expect(helperEvents[name as keyof typeof helperEvents](data, 'data')).toEqual(data);
  });
});
