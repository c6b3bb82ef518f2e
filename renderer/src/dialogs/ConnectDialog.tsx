/** Connect a container to a network: optional static addresses and aliases, checked as you type. */
import { useState } from 'react';
import type { ConnectSpec } from '../../../common/specs';
import { validateConnect } from '../../../common/validateConnect';
import { act, previewChange } from '../actions/registry';
import { useTopology } from '../store/store';
import { Dialog, Field } from './Dialog';
import { parseList } from './formText';
import { EquivalentCommand } from './EquivalentCommand';
import { useSubmit } from './useSubmit';

export function ConnectDialog({ containerId, networkId }: { containerId: string; networkId?: string }) {
  const topology = useTopology();
  const container = topology?.containers.find((c) => c.id === containerId);
  const choices = (topology?.networks ?? []).filter(
    (n) => n.driver !== 'host' && n.driver !== 'null' && !container?.endpoints.some((e) => e.networkId === n.id),
  );
  const [network, setNetwork] = useState(networkId ?? choices[0]?.id ?? '');
  const [ipv4, setIpv4] = useState('');
  const [ipv6, setIpv6] = useState('');
  const [aliases, setAliases] = useState('');
  const networkName = topology?.networks.find((n) => n.id === network)?.name ?? '';
  const spec: ConnectSpec = {
    container: containerId,
    network,
    ...(ipv4.trim() ? { ipv4: ipv4.trim() } : {}),
    ...(ipv6.trim() ? { ipv6: ipv6.trim() } : {}),
    ...(parseList(aliases).length ? { aliases: parseList(aliases) } : {}),
  };
  const problems = topology && network ? validateConnect(spec, topology) : [{ field: 'network', message: 'Choose a network.' }];
  const command = previewChange('container.connectTo', spec)?.command ?? '';
  const { dialogProps } = useSubmit(() => act('container.connectTo', spec));
  const subnet = topology?.networks.find((n) => n.id === network)?.subnets[0]?.subnet;
  return (
    <Dialog
      title={`Connect ${container?.name ?? 'container'} to ${networkId ? networkName : 'a network'}`}
      testId="connect-dialog"
      submitLabel="Connect"
      problems={problems}
      {...dialogProps}
    >
      {!networkId && (
        <Field label="Network">
          <select value={network} onChange={(event) => setNetwork(event.target.value)} aria-label="Network">
            {choices.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="IPv4 address" hint={subnet ? `optional; inside ${subnet}, Docker picks one if empty` : 'optional'}>
        <input value={ipv4} onChange={(event) => setIpv4(event.target.value)} placeholder="automatic" aria-label="IPv4 address" />
      </Field>
      <Field label="IPv6 address" hint="optional">
        <input value={ipv6} onChange={(event) => setIpv6(event.target.value)} placeholder="automatic" aria-label="IPv6 address" />
      </Field>
      <Field label="Aliases" hint="extra DNS names on this network, separated by commas">
        <input value={aliases} onChange={(event) => setAliases(event.target.value)} aria-label="Aliases" />
      </Field>
      {networkName && <EquivalentCommand command={command} />}
    </Dialog>
  );
}
