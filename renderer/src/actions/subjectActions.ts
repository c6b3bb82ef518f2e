/** The actions on what is selected: a container, an endpoint (a wire), a hand-made link, a network. */
import { hostPart } from '../../../common/combineHosts';
import {
  whyNotCapture,
  whyNotCaptureUnderlay,
  whyNotConnect,
  whyNotDisconnect,
  whyNotRemoveNetwork,
  whyNotRunOn,
  whyNotWire,
} from '../../../common/rules';
import type { ContainerInfo, NetworkInfo } from '../../../common/topology';
import { define, type Action } from './action';
import { containerActionChange, disconnectChange, removeNetworkChange, unwireChange } from './changes';
import { dropEffect } from './drop';
import type { Effect } from './perform';
import type { ActionContext } from './subject';

const DELETE = ['Delete', 'Backspace'];
// Whether an action applies is the rule's answer (common/rules.ts), the same the drop, the dialogs and the backend get.
const allowed = (why: string | null) => why === null;

/** The containers that a network's removal disconnects first (stopped ones too). */
export function usersOf(ctx: ActionContext, network: NetworkInfo): ContainerInfo[] {
  return ctx.topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id));
}

const shownName = (c: ContainerInfo) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`);

function disconnectEffect(container: ContainerInfo, network: NetworkInfo): Effect {
  const names = { container: container.name, network: network.name, ...(container.host ? { engine: container.host } : {}) };
  return {
    kind: 'confirm',
    confirmation: {
      title: `Disconnect ${container.name} from ${network.name}?`,
      body: `${container.name} loses its interface and address on ${network.name}; containers there can no longer reach it by name.`,
      confirmLabel: 'Disconnect',
      change: disconnectChange({ container: container.id, network: network.id }, names),
    },
  };
}

export const SUBJECT_ACTIONS: Action[] = [
  // Dropped on a network (Shift: to wire it by hand): the dialog for it, or why not (./drop.ts, by common/rules.ts).
  define<'container', { networkId: string; byHand: boolean }>({
    id: 'container.dropOn',
    on: 'container',
    panel: true,
    title: ({ subject }) => `Drop ${subject.container.name} on a network`,
    effect: (ctx, { networkId, byHand }) => {
      const network = ctx.topology.networks.find((n) => n.id === networkId);
      if (!network) return { kind: 'notice', text: 'That network is gone.' };
      const readOnly = ctx.readOnly ?? ctx.readOnlyOf?.({ kind: 'network', network }) ?? null;
      return dropEffect(ctx.subject.container, network, byHand, readOnly);
    },
  }),
  define({
    id: 'container.test',
    on: 'container',
    title: ({ subject }) => `Test connectivity from ${subject.container.name}…`,
    keys: ['t', 'T'],
    keyHint: 'T',
    effect: ({ subject }) => ({ kind: 'openTest', containerId: subject.container.id }),
  }),
  define({
    id: 'container.capture',
    on: 'container',
    title: ({ subject }) => `Capture packets on ${subject.container.name}`,
    applies: ({ subject }) => allowed(whyNotCapture(subject.container)),
    effect: ({ subject }) => ({ kind: 'openCapture', target: { containerId: subject.container.id } }),
  }),
  define({
    id: 'container.captureUnderlay',
    on: 'container',
    title: ({ subject }) => `Capture the VXLAN carrying ${subject.container.name} (on its host’s underlay)`,
    applies: ({ subject, topology }) =>
      allowed(whyNotCapture(subject.container)) &&
      allowed(whyNotCaptureUnderlay(subject.container, topology.networks, hostPart(topology, subject.container.host).engine)),
    effect: ({ subject }) => ({ kind: 'openCapture', target: { containerId: subject.container.id, underlay: true } }),
  }),
  define({
    id: 'container.connect',
    on: 'container',
    title: ({ subject }) => `Connect ${subject.container.name} to a network…`,
    keys: ['c', 'C'],
    keyHint: 'C',
    applies: ({ subject }) => allowed(whyNotConnect(subject.container)),
    effect: ({ subject }) => ({ kind: 'dialog', dialog: { kind: 'connect', containerId: subject.container.id } }),
  }),
  define({
    id: 'container.wire',
    on: 'container',
    title: ({ subject }) => `Wire ${subject.container.name} to a bridge by hand…`,
    applies: ({ subject }) => allowed(whyNotWire(subject.container)),
    effect: ({ subject }) => ({ kind: 'dialog', dialog: { kind: 'wire', containerId: subject.container.id } }),
  }),
  define({
    id: 'container.start',
    on: 'container',
    title: ({ subject }) => `Start ${subject.container.name}`,
    applies: ({ subject }) => subject.container.state !== 'running',
    effect: ({ subject }) => ({ kind: 'change', change: containerActionChange(subject.container, 'start') }),
  }),
  define({
    id: 'container.stop',
    on: 'container',
    title: ({ subject }) => `Stop ${subject.container.name}…`,
    applies: ({ subject }) => subject.container.state === 'running',
    effect: ({ subject: { container } }) => ({
      kind: 'confirm',
      confirmation: {
        title: `Stop ${container.name}?`,
        body: `${container.name} stops; its endpoints lose their addresses until it starts again.`,
        confirmLabel: 'Stop',
        change: containerActionChange(container, 'stop'),
      },
    }),
  }),
  define({
    id: 'container.restart',
    on: 'container',
    title: ({ subject }) => `Restart ${subject.container.name}`,
    effect: ({ subject }) => ({ kind: 'change', change: containerActionChange(subject.container, 'restart') }),
  }),
  define({
    id: 'container.remove',
    on: 'container',
    title: ({ subject }) => `Remove ${subject.container.name}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    effect: ({ subject: { container } }) => ({
      kind: 'confirm',
      confirmation: {
        title: `Remove ${container.name}?`,
        body:
          container.state === 'running'
            ? `${container.name} is stopped first, as docker stop does (SIGTERM, then SIGKILL after 10 s), then deleted with its endpoints.`
            : `${container.name} is deleted with its endpoints.`,
        confirmLabel: 'Remove',
        change: containerActionChange(container, 'remove'),
      },
    }),
  }),
  define({
    id: 'endpoint.disconnect',
    on: 'endpoint',
    title: ({ subject }) => `Disconnect ${subject.container.name} from ${subject.network.name}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    applies: ({ subject }) => allowed(whyNotDisconnect(subject.container, subject.network)),
    effect: ({ subject }) => disconnectEffect(subject.container, subject.network),
  }),
  define({
    id: 'endpoint.test',
    on: 'endpoint',
    title: ({ subject }) => `Test connectivity from ${subject.container.name}…`,
    keys: ['t', 'T'],
    keyHint: 'T',
    effect: ({ subject }) => ({ kind: 'openTest', containerId: subject.container.id }),
  }),
  define({
    id: 'endpoint.capture',
    on: 'endpoint',
    title: ({ subject }) => `Capture packets on ${subject.container.name} ${subject.endpoint.ifname ?? ''}`.trimEnd(),
    applies: ({ subject }) => allowed(whyNotCapture(subject.container)) && subject.endpoint.ifname !== null,
    effect: ({ subject }) => ({ kind: 'openCapture', target: { containerId: subject.container.id, iface: subject.endpoint.ifname! } }),
  }),
  define({
    id: 'link.capture',
    on: 'link',
    title: ({ subject }) => `Capture packets on ${subject.container?.name ?? ''} ${subject.link.peer?.ifname ?? ''}`.trimEnd(),
    applies: ({ subject }) => Boolean(subject.container && allowed(whyNotCapture(subject.container)) && subject.link.peer),
    effect: ({ subject }) => ({ kind: 'openCapture', target: { containerId: subject.container!.id, iface: subject.link.peer!.ifname } }),
  }),
  define({
    id: 'link.unwire',
    on: 'link',
    title: ({ subject }) =>
      `Unwire ${subject.link.peer?.ifname ?? subject.link.name}${subject.container ? ` from ${subject.container.name}` : ''}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    applies: ({ subject }) => Boolean(subject.container && subject.link.peer),
    effect: ({ subject: { link, container } }) => ({
      kind: 'confirm',
      confirmation: {
        title: `Unwire ${link.peer!.ifname} from ${container!.name}?`,
        body: `Deletes the veth pair ${link.name} <-> ${link.peer!.ifname}: ${container!.name} loses that interface${link.peer!.addresses.length ? ` and its addresses ${link.peer!.addresses.join(', ')}` : ''}.`,
        confirmLabel: 'Unwire',
        change: unwireChange(container!, link.peer!.ifname, link.name),
      },
    }),
  }),
  define({
    id: 'network.testAllPairs',
    on: 'network',
    title: ({ subject }) => `Test all pairs on ${subject.network.name}`,
    applies: ({ subject }) => allowed(whyNotRunOn(subject.network)),
    effect: ({ subject }) => ({ kind: 'allPairs', networkId: subject.network.id }),
  }),
  define({
    id: 'network.runContainer',
    on: 'network',
    title: ({ subject }) => `Run a container on ${subject.network.name}…`,
    applies: ({ subject }) => allowed(whyNotRunOn(subject.network)),
    effect: ({ subject }) => ({ kind: 'dialog', dialog: { kind: 'runContainer', network: subject.network.name } }),
  }),
  define({
    id: 'network.remove',
    on: 'network',
    title: ({ subject }) => `Remove network ${subject.network.name}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    effect: (ctx) => {
      const { network } = ctx.subject;
      const refusal = whyNotRemoveNetwork(network);
      if (refusal) return { kind: 'notice', text: refusal };
      const users = usersOf(ctx, network);
      const them = users.length > 1 ? 'them' : 'it';
      return {
        kind: 'confirm',
        confirmation: {
          title: `Remove network ${network.name}?`,
          body: users.length
            ? `${network.name} is in use by ${users.map(shownName).join(', ')}. Dockwire will disconnect ${them} first, and put ${them} back as ${users.length > 1 ? 'they were' : 'it was'} if the removal fails.`
            : `Nothing is attached to ${network.name}.`,
          confirmLabel: users.length ? `Disconnect ${users.length} and remove` : 'Remove',
          change: removeNetworkChange(network, users),
        },
      };
    },
  }),
];
