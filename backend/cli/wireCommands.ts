/**
 * `dockwire wire <container> <network> [--ip A.B.C.D/len] [--ifname NAME] [--host-ifname NAME] [--no-route] [--json]`
 * `dockwire unwire <container> <ifname> [--json]`
 * The seed's manual wiring in one command: each step is printed with its ip(8) equivalent as the helper completes it.
 */
import { parseArgs } from 'node:util';
import { DockwireError } from '../../common/errors.js';
import { planWire } from '../../common/wirePlan.js';
import { createBackend } from '../backend.js';
import { UsageError } from './changeCommands.js';

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, count: number) {
  try {
    const parsed = parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== count) throw new UsageError(`expected ${count} arguments`);
    return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function wireCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ip: { type: 'string' }, ifname: { type: 'string' }, 'host-ifname': { type: 'string' }, 'no-route': { type: 'boolean' } }, 2);
  const [container = '', network = ''] = positionals;
  const json = Boolean(values.json);
  const backend = createBackend({ safetyRelistMs: 3_600_000 });
  const wireId = process.pid;
  try {
    const topology = await backend.handlers.getTopology({});
    const spec = {
      container,
      network,
      ...(values.ip ? { address: values.ip as string } : {}),
      ...(values.ifname ? { containerIfname: values.ifname as string } : {}),
      ...(values['host-ifname'] ? { hostIfname: values['host-ifname'] as string } : {}),
      ...(values['no-route'] ? { route: false } : {}),
    };
    const { plan } = planWire(topology, spec);
    const unsubscribe = backend.on('wire', (progress) => {
      if (json || progress.wireId !== wireId || !plan) return;
      const step = plan.steps[progress.step];
      if (progress.status === 'done') console.log(`  ok    ${step?.command}`);
      if (progress.status === 'failed') console.log(`  FAIL  ${step?.command}: ${progress.error}`);
      if (progress.status === 'undone') console.log(`  undone: deleted the veth pair ${plan.hostIfname}`);
    });
    try {
      const result = await backend.handlers.wire({ ...spec, wireId });
      console.log(json ? JSON.stringify({ ok: true, result }, null, 2) : `Wired ${result.containerName}: ${result.hostIfname} on ${result.bridge} <-> ${result.containerIfname} ${result.address}.`);
      return 0;
    } finally {
      unsubscribe();
    }
  } catch (error) {
    return report(error, json);
  } finally {
    await backend.stop();
  }
}

export async function unwireCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, 2);
  const [container = '', ifname = ''] = positionals;
  const backend = createBackend({ safetyRelistMs: 3_600_000 });
  try {
    await backend.handlers.getTopology({});
    const result = await backend.handlers.unwire({ container, ifname });
    console.log(values.json ? JSON.stringify({ ok: true, result }, null, 2) : `Unwired ${container}: deleted ${result.deleted}.`);
    return 0;
  } catch (error) {
    return report(error, Boolean(values.json));
  } finally {
    await backend.stop();
  }
}

function report(error: unknown, json: boolean): number {
  const data = error instanceof DockwireError ? { code: error.code, message: error.message, details: error.details } : { code: 'internal', message: String(error) };
  if (json) console.log(JSON.stringify({ ok: false, error: data }, null, 2));
  else {
    console.error(`dockwire: ${data.message}`);
    for (const undone of data.details?.rolledBack ?? []) console.error(`undone: ${undone}`);
  }
  return 1;
}
