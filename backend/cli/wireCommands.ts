/**
 * `dockwire wire <container> <network> [--ip A.B.C.D/len] [--ifname NAME] [--host-ifname NAME] [--no-route] [--json]`
 * `dockwire unwire <container> <ifname> [--json]`
 * The seed's manual wiring in one command: each step is printed with its ip(8) equivalent as the helper completes it.
 */
import { planWire } from '../../common/wirePlan.js';
import { cliBackend } from './cliBackend.js';
import { parseCommand } from './args.js';
import type { Outcome } from './outcome.js';
import { printable } from '../../common/printable.js';

export async function wireCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(
    args,
    { ip: { type: 'string' }, ifname: { type: 'string' }, 'host-ifname': { type: 'string' }, 'no-route': { type: 'boolean' } },
    ['<container>', '<network>'],
  );
  const [container = '', network = ''] = positionals;
  const json = Boolean(values.json);
  const backend = cliBackend({ kernelView: true });
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
    // Each step as it completes, on the terminal (stderr when the result goes to stdout as JSON).
    const unsubscribe = backend.on('wire', (progress) => {
      if (json || progress.wireId !== wireId || !plan) return;
      const step = plan.steps[progress.step];
      if (progress.status === 'done') console.log(`  ok    ${step?.command}`);
      if (progress.status === 'failed') console.log(printable(`  FAIL  ${step?.command}: ${progress.error}`));
      if (progress.status === 'undone') console.log(`  undone: deleted the veth pair ${plan.hostIfname}`);
    });
    try {
      const result = await backend.handlers.wire({ ...spec, wireId });
      return {
        ok: true,
        result,
        text: `Wired ${result.containerName}: ${result.hostIfname} on ${result.bridge} <-> ${result.containerIfname} ${result.address}.`,
      };
    } finally {
      unsubscribe();
    }
  } finally {
    await backend.stop();
  }
}

export async function unwireCommand(args: string[]): Promise<Outcome> {
  const { positionals } = parseCommand(args, {}, ['<container>', '<ifname>']);
  const [container = '', ifname = ''] = positionals;
  const backend = cliBackend({ kernelView: true });
  try {
    await backend.handlers.getTopology({});
    const result = await backend.handlers.unwire({ container, ifname });
    return { ok: true, result, text: `Unwired ${container}: deleted ${result.deleted}.` };
  } finally {
    await backend.stop();
  }
}
