/**
 * `dockwire connect|disconnect|network create|network rm`: the same checked
 * changes as the app, for scripts. How they end is ./outcome.ts's table.
 */
import type { Handlers } from '../../common/contract.js';
import { DockwireError } from '../../common/errors.js';
import type { NetworkDriver, NetworkSpec } from '../../common/specs.js';
import { cliBackend } from './cliBackend.js';
import { keyValue, parseCommand, type Values } from './args.js';
import { UsageError, unchanged, type Outcome } from './outcome.js';

type Change = (handlers: Handlers) => Promise<{ result: object; text: string }>;

/** Runs one change with a backend that needs no kernel view. */
export async function runChange(change: Change): Promise<Outcome> {
  const backend = cliBackend({ kernelView: false });
  try {
    const { result, text } = await change(backend.handlers);
    return { ok: true, result: { changed: true, ...result }, text };
  } catch (error) {
    if (error instanceof DockwireError && error.code === 'no-change') return unchanged(error);
    throw error;
  } finally {
    await backend.stop();
  }
}

export function connectCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(
    args,
    { ip: { type: 'string' }, ip6: { type: 'string' }, alias: { type: 'string', multiple: true } },
    ['<container>', '<network>'],
  );
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
  });
}

export function disconnectCommand(args: string[]): Promise<Outcome> {
  const { positionals } = parseCommand(args, {}, ['<container>', '<network>']);
  const [container = '', network = ''] = positionals;
  return runChange(async (handlers) => ({
    result: await handlers.disconnect({ container, network }),
    text: `Disconnected ${container} from ${network}.`,
  }));
}

export function networkRmCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(args, { disconnect: { type: 'boolean' } }, ['<network>']);
  const [network = ''] = positionals;
  return runChange(async (handlers) => {
    // --disconnect: whoever is on it now, as the command is typed (the backend refuses if more join meanwhile).
    const topology = values.disconnect ? await handlers.getTopology({}) : null;
    const target = topology?.networks.find((n) => n.id === network || n.name === network);
    const users = target ? topology!.containers.filter((c) => c.endpoints.some((e) => e.networkId === target.id)).map((c) => c.id) : [];
    const result = await handlers.removeNetwork({ network, ...(values.disconnect ? { disconnect: users } : {}) });
    const also = result.disconnected.length ? ` (disconnected ${result.disconnected.join(', ')} first)` : '';
    return { result, text: `Removed network ${network}${also}.` };
  });
}

const OPTION_KEYS: Record<string, (spec: NetworkSpec, value: string) => void> = {
  'com.docker.network.bridge.name': (spec, value) => (spec.bridge = { ...spec.bridge, name: value }),
  'com.docker.network.bridge.enable_icc': (spec, value) => (spec.bridge = { ...spec.bridge, icc: boolOption('enable_icc', value) }),
  'com.docker.network.bridge.enable_ip_masquerade': (spec, value) =>
    (spec.bridge = { ...spec.bridge, ipMasquerade: boolOption('enable_ip_masquerade', value) }),
  'com.docker.network.driver.mtu': (spec, value) => {
    const mtu = Number(value);
    if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535)
      throw new UsageError(`com.docker.network.driver.mtu takes a number from 68 to 65535, not "${value}"`);
    spec.bridge = { ...spec.bridge, mtu };
  },
  parent: (spec, value) => (spec.parent = value),
  macvlan_mode: (spec, value) => (spec.mode = value),
  ipvlan_mode: (spec, value) => (spec.mode = value),
};

function boolOption(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new UsageError(`${name} takes true or false, not "${value}"`);
  return value === 'true';
}

export function networkCreateCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(
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
  });
}

const DRIVERS: NetworkDriver[] = ['bridge', 'macvlan', 'ipvlan', 'overlay'];

/** docker network create's flags -> NetworkSpec; IPv4 and IPv6 --subnet/--gateway told apart by a ":". Malformed flags are usage errors. */
export function networkSpecFromFlags(name: string, values: Values): NetworkSpec {
  const list = (key: string) => (values[key] as string[] | undefined) ?? [];
  const driver = (values.driver as string | undefined) ?? 'bridge';
  if (!DRIVERS.includes(driver as NetworkDriver)) throw new UsageError(`--driver takes ${DRIVERS.join(', ')}, not "${driver}"`);
  const spec: NetworkSpec = { name, driver: driver as NetworkDriver };
  const [subnet4, subnet6] = [list('subnet').find((s) => !s.includes(':')), list('subnet').find((s) => s.includes(':'))];
  const [gateway4, gateway6] = [list('gateway').find((g) => !g.includes(':')), list('gateway').find((g) => g.includes(':'))];
  const aux = Object.fromEntries(list('aux-address').map((entry) => keyValue('--aux-address', entry, true)));
  if (subnet4) {
    spec.ipv4 = {
      subnet: subnet4,
      ...(gateway4 ? { gateway: gateway4 } : {}),
      ...(values['ip-range'] ? { ipRange: values['ip-range'] as string } : {}),
      ...(Object.keys(aux).length ? { auxAddresses: aux } : {}),
    };
  } else if (gateway4 || values['ip-range'] || Object.keys(aux).length) {
    throw new UsageError('--gateway, --ip-range and --aux-address need an IPv4 --subnet');
  }
  if (values.ipv6) {
    if (!subnet6) throw new UsageError('--ipv6 needs an IPv6 --subnet');
    spec.ipv6 = { subnet: subnet6, ...(gateway6 ? { gateway: gateway6 } : {}) };
  } else if (subnet6 || gateway6) {
    throw new UsageError('an IPv6 --subnet or --gateway needs --ipv6');
  }
  if (values.internal) spec.internal = true;
  if (values.attachable) spec.attachable = true;
  for (const option of list('opt')) {
    const [key, value] = keyValue('-o', option, true);
    const apply = OPTION_KEYS[key];
    if (!apply) throw new UsageError(`unsupported option ${key}: Dockwire knows ${Object.keys(OPTION_KEYS).join(', ')}`);
    apply(spec, value);
  }
  const labels = Object.fromEntries(list('label').map((entry) => keyValue('--label', entry, false)));
  if (Object.keys(labels).length) spec.labels = labels;
  return spec;
}
