/** The create-network form's fields, and the NetworkSpec they mean (pure). */
import type { FieldProblem, NetworkDriver, NetworkSpec } from '../../../common/specs';
import { parseKeyValues } from './formText';

export interface NetworkForm {
  name: string;
  driver: NetworkDriver;
  subnet: string;
  gateway: string;
  ipRange: string;
  auxAddresses: string;
  ipv6: boolean;
  subnet6: string;
  gateway6: string;
  internal: boolean;
  attachable: boolean;
  bridgeName: string;
  icc: boolean;
  ipMasquerade: boolean;
  mtu: string;
  parent: string;
  mode: string;
  labels: string;
}

export const EMPTY_NETWORK_FORM: NetworkForm = {
  name: '',
  driver: 'bridge',
  subnet: '',
  gateway: '',
  ipRange: '',
  auxAddresses: '',
  ipv6: false,
  subnet6: '',
  gateway6: '',
  internal: false,
  attachable: false,
  bridgeName: '',
  icc: true,
  ipMasquerade: true,
  mtu: '',
  parent: '',
  mode: '',
  labels: '',
};

export function networkSpecFromForm(form: NetworkForm): { spec: NetworkSpec; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const spec: NetworkSpec = { name: form.name.trim(), driver: form.driver };
  if (form.subnet.trim()) {
    const aux = parseKeyValues(form.auxAddresses);
    if ('problem' in aux) problems.push({ field: 'ipv4.auxAddresses', message: `Auxiliary addresses: ${aux.problem}` });
    spec.ipv4 = {
      subnet: form.subnet.trim(),
      ...(form.gateway.trim() ? { gateway: form.gateway.trim() } : {}),
      ...(form.ipRange.trim() ? { ipRange: form.ipRange.trim() } : {}),
      ...(!('problem' in aux) && Object.keys(aux).length ? { auxAddresses: aux as Record<string, string> } : {}),
    };
  } else if (form.gateway.trim() || form.ipRange.trim()) {
    problems.push({ field: 'ipv4.subnet', message: 'A gateway or IP range needs a subnet.' });
  }
  if (form.ipv6) {
    if (!form.subnet6.trim()) problems.push({ field: 'ipv6.subnet', message: 'IPv6 needs a subnet, for example fd00:dead:beef::/64.' });
    else spec.ipv6 = { subnet: form.subnet6.trim(), ...(form.gateway6.trim() ? { gateway: form.gateway6.trim() } : {}) };
  }
  if (form.internal) spec.internal = true;
  if (form.attachable) spec.attachable = true;
  if (form.driver === 'bridge') {
    const bridge: NonNullable<NetworkSpec['bridge']> = {};
    if (form.bridgeName.trim()) bridge.name = form.bridgeName.trim();
    if (!form.icc) bridge.icc = false;
    if (!form.ipMasquerade) bridge.ipMasquerade = false;
    if (form.mtu.trim()) bridge.mtu = Number(form.mtu);
    if (Object.keys(bridge).length) spec.bridge = bridge;
  }
  if ((form.driver === 'macvlan' || form.driver === 'ipvlan') && form.parent.trim()) spec.parent = form.parent.trim();
  if ((form.driver === 'macvlan' || form.driver === 'ipvlan') && form.mode) spec.mode = form.mode;
  const labels = parseKeyValues(form.labels);
  if ('problem' in labels) problems.push({ field: 'labels', message: `Labels: ${labels.problem}` });
  else if (Object.keys(labels).length) spec.labels = labels as Record<string, string>;
  return { spec, problems };
}
