/**
 * `dockwire connect|disconnect|network create|network rm`: the same checked
 * changes as the app, for scripts. --json prints {ok, result|error}; failures
 * exit 1 with the reason (and Docker's words, and what was undone).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Handlers } from '../../common/contract.js';
import { DockwireError } from '../../common/errors.js';
import type { NetworkDriver, NetworkSpec } from '../../common/specs.js';
import { createBackend } from '../backend.js';

export class UsageError extends Error {}

type Change = (handlers: Handlers) => Promise<{ result: unknown; text: string }>;

/** Runs one change with a backend that needs no kernel view, and reports it. */
export async function runChange(change: Change, json: boolean): Promise<number> {
  const backend = createBackend({ env: { ...process.env, DOCKWIRE_HELPER: 'off' }, safetyRelistMs: 3_600_000 });
  try {
    const { result, text } = await change(backend.handlers);
    console.log(json ? JSON.stringify({ ok: true, result }, null, 2) : text);
    return 0;
  } catch (error) {
    const data = error instanceof DockwireError ? { code: error.code, message: error.message, details: error.details } : { code: 'internal', message: String(error) };
    if (json) console.log(JSON.stringify({ ok: false, error: data }, null, 2));
    else {
      console.error(`dockwire: ${data.message}`);
      if (data.details?.dockerMessage) console.error(`Docker said: ${data.details.dockerMessage}`);
      for (const undone of data.details?.rolledBack ?? []) console.error(`undone: ${undone}`);
    }
    return data.code === 'no-change' ? 0 : 1;
  } finally {
    await backend.stop();
  }
}

type Values = Record<string, string | string[] | boolean | undefined>;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: string[]) {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length !== positionals.length) throw new UsageError(`expected ${positionals.join(' ')}`);
  return { values: parsed.values, positionals: parsed.positionals, json: Boolean(parsed.values.json) };
}

export function connectCommand(args: string[]): Promise<number> {
  const { values, positionals, json } = parse(args, { ip: { type: 'string' }, ip6: { type: 'string' }, alias: { type: 'string', multiple: true } }, ['<container>', '<network>']);
  const [container = '', network = ''] = positionals;
  return runChange(async (handlers) => {
    const spec = {
      container,
      network,
      ...(values.ip ? { ipv4: values.ip as string } : {}),
      ...(values.ip6 ? { ipv6: values.ip6 as string } : {}),
      ...(values.alias ? { aliases: values.alias as string[] } : {}),
    };
    return { result: await handlers.connect(spec), text: `Connected ${container} to ${network}.` };
  }, json);
}

export function disconnectCommand(args: string[]): Promise<number> {
  const { positionals, json } = parse(args, {}, ['<container>', '<network>']);
  const [container = '', network = ''] = positionals;
  return runChange(async (handlers) => ({ result: await handlers.disconnect({ container, network }), text: `Disconnected ${container} from ${network}.` }), json);
}

export function networkRmCommand(args: string[]): Promise<number> {
  const { values, positionals, json } = parse(args, { disconnect: { type: 'boolean' } }, ['<network>']);
  const [network = ''] = positionals;
  return runChange(async (handlers) => {
    const result = await handlers.removeNetwork({ network, disconnectFirst: Boolean(values.disconnect) });
    const also = result.disconnected.length ? ` (disconnected ${result.disconnected.join(', ')} first)` : '';
    return { result, text: `Removed network ${network}${also}.` };
  }, json);
}

const OPTION_KEYS: Record<string, (spec: NetworkSpec, value: string) => void> = {
  'com.docker.network.bridge.name': (spec, value) => (spec.bridge = { ...spec.bridge, name: value }),
  'com.docker.network.bridge.enable_icc': (spec, value) => (spec.bridge = { ...spec.bridge, icc: value === 'true' }),
  'com.docker.network.bridge.enable_ip_masquerade': (spec, value) => (spec.bridge = { ...spec.bridge, ipMasquerade: value === 'true' }),
  'com.docker.network.driver.mtu': (spec, value) => (spec.bridge = { ...spec.bridge, mtu: Number(value) }),
  parent: (spec, value) => (spec.parent = value),
  macvlan_mode: (spec, value) => (spec.mode = value),
  ipvlan_mode: (spec, value) => (spec.mode = value),
};

export function networkCreateCommand(args: string[]): Promise<number> {
  const { values, positionals, json } = parse(
    args,
    {
      driver: { type: 'string', short: 'd' },
      subnet: { type: 'string', multiple: true },
      gateway: { type: 'string', multiple: true },
      'ip-range': { type: 'string' },
      'aux-address': { type: 'string', multiple: true },
      ipv6: { type: 'boolean' },
      internal: { type: 'boolean' },
      attachable: { type: 'boolean' },
      opt: { type: 'string', short: 'o', multiple: true },
      label: { type: 'string', multiple: true },
    },
    ['<name>'],
  );
  const spec = networkSpecFromFlags(positionals[0] ?? '', values);
  return runChange(async (handlers) => {
    const result = await handlers.createNetwork(spec);
    return { result, text: `Created network ${result.name} (${result.id.slice(0, 12)}).` };
  }, json);
}

/** docker network create's flags -> NetworkSpec; IPv4 and IPv6 --subnet/--gateway told apart by a ":". */
export function networkSpecFromFlags(name: string, values: Values): NetworkSpec {
  const list = (key: string) => (values[key] as string[] | undefined) ?? [];
  const spec: NetworkSpec = { name, driver: ((values.driver as string) ?? 'bridge') as NetworkDriver };
  const [subnet4, subnet6] = [list('subnet').find((s) => !s.includes(':')), list('subnet').find((s) => s.includes(':'))];
  const [gateway4, gateway6] = [list('gateway').find((g) => !g.includes(':')), list('gateway').find((g) => g.includes(':'))];
  if (subnet4) {
    const aux = Object.fromEntries(list('aux-address').map((entry) => entry.split('=') as [string, string]));
    spec.ipv4 = { subnet: subnet4, ...(gateway4 ? { gateway: gateway4 } : {}), ...(values['ip-range'] ? { ipRange: values['ip-range'] as string } : {}), ...(Object.keys(aux).length ? { auxAddresses: aux } : {}) };
  } else if (gateway4 || values['ip-range']) {
    throw new UsageError('--gateway and --ip-range need an IPv4 --subnet');
  }
  if (values.ipv6) {
    if (!subnet6) throw new UsageError('--ipv6 needs an IPv6 --subnet');
    spec.ipv6 = { subnet: subnet6, ...(gateway6 ? { gateway: gateway6 } : {}) };
  }
  if (values.internal) spec.internal = true;
  if (values.attachable) spec.attachable = true;
  for (const option of list('opt')) {
    const [key = '', ...rest] = option.split('=');
    const apply = OPTION_KEYS[key];
    if (!apply) throw new UsageError(`unsupported option ${key}: Dockwire knows ${Object.keys(OPTION_KEYS).join(', ')}`);
    apply(spec, rest.join('='));
  }
  const labels = Object.fromEntries(list('label').map((entry) => [entry.split('=')[0] ?? '', entry.split('=').slice(1).join('=')]));
  if (Object.keys(labels).length) spec.labels = labels;
  return spec;
}
