/**
 * Published ports tested from the engine host (the helper's network
 * namespace), with containers this test makes, published on 127.0.0.1 only:
 * a server on 0.0.0.0 passes (TCP and HTTP); one bound to 127.0.0.1 inside
 * is explained; a published port with nothing listening is explained even
 * though Docker's proxy accepts the connection on the host side; a port not
 * published says which -p it needs. The CLI refuses a malformed target with
 * exit 2 and an unknown container with exit 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { dockwire as cli } from '../support/cli';
import { cleanup, createNetwork, runContainer } from '../support/docker';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';

let backend: Backend;
const codes = (report: { diagnosis: Array<{ code: string }> }) => report.diagnosis.map((d) => d.code);

beforeAll(async () => {
  cleanup();
  createNetwork('dw-h-net', '10.228.0.0/24');
  runContainer('dw-h-ok', ['--network', 'dw-h-net', '-p', '127.0.0.1:18080:80'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('dw-h-loop', ['--network', 'dw-h-net', '-p', '127.0.0.1:18081:8080'], ['httpd', '-f', '-p', '127.0.0.1:8080', '-h', '/www']);
  runContainer('dw-h-none', ['--network', 'dw-h-net', '-p', '127.0.0.1:18082:80']);
  runContainer('dw-h-unpub', ['--network', 'dw-h-net']);
  backend = startBackend();
  await waitForTopology(backend, (t) => t.helper.mode === 'container' && Boolean(containerNamed(t, 'dw-h-unpub')), 15_000);
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

const dockwire = (args: string[]) => cli([...args, '--json']);

describe('a published port, tested from the host', () => {
  it('passes through the publication it names, by container and by address', async () => {
    const byContainer = await backend.handlers.testFromHost({ target: 'dw-h-ok:80', httpPath: '/' });
    expect(byContainer.steps.map((s) => [s.name, s.status])).toEqual([
      ['tcp', 'pass'],
      ['http', 'pass'],
    ]);
    expect(byContainer).toMatchObject({ ok: true, mapping: '127.0.0.1:18080 -> dw-h-ok:80/tcp', diagnosis: [] });
    expect(byContainer.untested[0]).toContain('not inspected');
    const byAddress = await backend.handlers.testFromHost({ target: '127.0.0.1:18080' });
    expect(byAddress).toMatchObject({ ok: true, mapping: '127.0.0.1:18080 -> dw-h-ok:80/tcp' });
  });

  it('a server bound to 127.0.0.1 inside: listens-on-loopback, even where the host side accepted the connection', async () => {
    const report = await backend.handlers.testFromHost({ target: 'dw-h-loop:8080', httpPath: '/' });
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(['listens-on-loopback']);
    expect(report.diagnosis[0]!.text).toContain('dw-h-loop listens on port 8080 only on 127.0.0.1');
  });

  it('published with nothing listening: nothing-listening', async () => {
    const report = await backend.handlers.testFromHost({ target: 'dw-h-none:80' });
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual(['nothing-listening']);
    expect(report.diagnosis[0]!.text).toContain('Port 80 is published, but nothing listens on it inside dw-h-none');
  });

  it('not published: says which -p it needs, and connects nowhere', async () => {
    const report = await backend.handlers.testFromHost({ target: 'dw-h-unpub:80' });
    expect(report.steps).toEqual([]);
    expect(codes(report)).toEqual(['not-published']);
    expect(report.diagnosis[0]!.text).toContain('Run it with -p HOSTPORT:80');
  });

  it('the CLI: exit 0 on a pass, 1 on a failed test or an unknown container, 2 on a malformed target', async () => {
    expect(await dockwire(['test', 'host', 'dw-h-ok:80'])).toMatchObject({ code: 0, json: { ok: true } });
    expect(await dockwire(['test', 'host', 'dw-h-none', '--port', '80'])).toMatchObject({ code: 1, json: { ok: false } });
    const unknown = await dockwire(['test', 'host', 'nobody:80']);
    expect(unknown).toMatchObject({ code: 1, json: { ok: false, error: { code: 'invalid' } } });
    expect(unknown.json.error!.message).toContain('nobody');
    expect(await dockwire(['test', 'host', 'dw-h-ok'])).toMatchObject({ code: 2, json: { error: { code: 'usage' } } });
    expect(await dockwire(['test', 'host', 'dw-h-ok:70000'])).toMatchObject({ code: 2, json: { error: { code: 'usage' } } });
  });
});
