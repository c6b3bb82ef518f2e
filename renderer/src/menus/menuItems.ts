/** Pure: the context menu's items for what was right-clicked; each runs a command. */
import type { Topology } from '../../../common/topology';
import { commands } from '../commands/commands';
import { startMatrix } from '../commands/testing';
import { useDockwire } from '../store/store';
import type { Dialog, MenuTarget } from '../store/slices';

export interface MenuItem {
  label: string;
  run(): void;
  danger?: boolean;
}

export function menuItems(target: MenuTarget, topology: Topology, openDialog: (dialog: Dialog) => void): MenuItem[] {
  if (target.kind === 'network') {
    const network = topology.networks.find((n) => n.id === target.id);
    if (!network) return [];
    const runnable = network.driver !== 'host' && network.driver !== 'null';
    return [
      ...(runnable ? [{ label: `Test all pairs on ${network.name}`, run: () => void startMatrix(network.id) }] : []),
      ...(runnable
        ? [{ label: `Run a container on ${network.name}…`, run: () => openDialog({ kind: 'runContainer', network: network.name }) }]
        : []),
      { label: `Remove network ${network.name}…`, run: () => commands.confirmRemoveNetwork(network.id), danger: true },
    ];
  }
  if (target.kind === 'link') {
    return [{ label: 'Unwire…', run: () => commands.confirmUnwire(target.ifindex), danger: true }];
  }
  if (target.kind === 'endpoint') {
    return [{ label: 'Disconnect…', run: () => commands.confirmDisconnect(target.containerId, target.networkId), danger: true }];
  }
  const container = topology.containers.find((c) => c.id === target.id);
  if (!container) return [];
  const running = container.state === 'running';
  return [
    { label: 'Test connectivity from here…', run: () => useDockwire.getState().openTest(container.id) },
    { label: 'Connect to…', run: () => openDialog({ kind: 'connect', containerId: container.id }) },
    ...(running &&
    (container.networkModeKind === 'none' || container.networkModeKind === 'network' || container.networkModeKind === 'bridge')
      ? [{ label: 'Wire to a bridge by hand…', run: () => openDialog({ kind: 'wire', containerId: container.id }) }]
      : []),
    ...container.endpoints
      .filter(() => container.networkModeKind === 'network' || container.networkModeKind === 'bridge')
      .map((e) => ({
        label: `Disconnect from ${e.networkName}…`,
        run: () => commands.confirmDisconnect(container.id, e.networkId),
        danger: true,
      })),
    running
      ? { label: 'Stop', run: () => void commands.containerAction(container.id, 'stop') }
      : { label: 'Start', run: () => void commands.containerAction(container.id, 'start') },
    { label: 'Restart', run: () => void commands.containerAction(container.id, 'restart') },
    { label: 'Remove…', run: () => void commands.containerAction(container.id, 'remove'), danger: true },
  ];
}
