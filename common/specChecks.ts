/** The strict shapes of the change specs as they arrive over the contract. */
import { bool, byKind, int, list, NAME_MAX, object, oneOf, optional, str, stringMap, type Check } from './schema.js';
import type { ConnectSpec, DisconnectSpec, NetworkSpec, RemoveNetworkSpec, RunNetworkMode, RunSpec } from './specs.js';

const ref = str(NAME_MAX);

/** A host's name among several engines: a context's name or an engine address. */
export const ENGINE = str(512);

export const checkNetworkSpec: Check<NetworkSpec> = object({
  name: ref,
  driver: oneOf('bridge', 'macvlan', 'ipvlan', 'overlay'),
  ipv4: optional(
    object({ subnet: str(64), gateway: optional(str(64)), ipRange: optional(str(64)), auxAddresses: optional(stringMap(64, 64)) }),
  ),
  ipv6: optional(object({ subnet: str(64), gateway: optional(str(64)) })),
  internal: optional(bool),
  attachable: optional(bool),
  bridge: optional(
    object({ name: optional(str(64)), icc: optional(bool), ipMasquerade: optional(bool), mtu: optional(int(0, 1_000_000)) }),
  ),
  parent: optional(str(64)),
  mode: optional(str(32)),
  labels: optional(stringMap()),
  engine: optional(ENGINE),
});

export const checkConnectSpec: Check<ConnectSpec> = object({
  container: ref,
  network: ref,
  ipv4: optional(str(64)),
  ipv6: optional(str(64)),
  aliases: optional(list(ref, 64)),
});

export const checkDisconnectSpec: Check<DisconnectSpec> = object({ container: ref, network: ref });

export const checkRemoveNetworkSpec: Check<RemoveNetworkSpec> = object({ network: ref, disconnect: optional(list(ref, 4096)) });

const checkMode: Check<RunNetworkMode> = byKind<RunNetworkMode>({
  network: object({ kind: oneOf('network'), network: ref }),
  host: object({ kind: oneOf('host') }),
  none: object({ kind: oneOf('none') }),
  container: object({ kind: oneOf('container'), container: ref }),
});

export const checkRunSpec: Check<RunSpec> = object({
  image: str(512),
  name: optional(ref),
  command: optional(list(str(4096), 32)),
  networkMode: checkMode,
  ports: optional(
    list(
      object({ hostIp: optional(str(64)), hostPort: int(0, 65535), containerPort: int(0, 65535), protocol: oneOf('tcp', 'udp', 'sctp') }),
      256,
    ),
  ),
  dns: optional(list(str(64), 16)),
  dnsSearch: optional(list(ref, 16)),
  extraHosts: optional(list(str(320), 64)),
  aliases: optional(list(ref, 64)),
  labels: optional(stringMap()),
  engine: optional(ENGINE),
});
