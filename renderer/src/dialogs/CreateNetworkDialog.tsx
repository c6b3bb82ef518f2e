/** Create a network: every option Docker offers for bridge, macvlan, ipvlan (and overlay in a swarm), checked as you type. */
import { useState } from 'react';
import { validateNetwork } from '../../../common/validateNetwork';
import { act, previewChange } from '../actions/registry';
import { Dialog, Field } from './Dialog';
import { EMPTY_NETWORK_FORM, networkSpecFromForm, type NetworkForm } from './networkForm';
import { EquivalentCommand } from './EquivalentCommand';
import { useSubmit } from './useSubmit';
import { useEngineChoice } from './useEngineChoice';

export function CreateNetworkDialog() {
  const { engine, part: topology, field: engineField } = useEngineChoice();
  const [form, setForm] = useState<NetworkForm>(EMPTY_NETWORK_FORM);
  const set = <K extends keyof NetworkForm>(key: K, value: NetworkForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof NetworkForm, label: string, placeholder = '') => (
    <input
      value={form[key] as string}
      onChange={(event) => set(key, event.target.value as never)}
      // An example, not a value: said so, and drawn unlike one (styles.css).
      placeholder={placeholder ? `e.g. ${placeholder}` : undefined}
      aria-label={label}
    />
  );
  const check = (key: keyof NetworkForm, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={form[key] as boolean}
        onChange={(event) => set(key, event.target.checked as never)}
        aria-label={label}
      />{' '}
      {label}
    </label>
  );
  const swarm = topology?.engine.swarm ?? false;
  const { spec: formSpec, problems: formProblems } = networkSpecFromForm(form);
  const spec = engine === undefined ? formSpec : { ...formSpec, engine };
  const problems = [...formProblems, ...(topology ? validateNetwork(spec, topology, swarm) : [])].filter(
    (p) => form.name || p.field !== 'name',
  );
  const command = previewChange('network.create', spec)?.command ?? '';
  const { dialogProps } = useSubmit(() => act('network.create', spec));
  const macOrIp = form.driver === 'macvlan' || form.driver === 'ipvlan';
  return (
    <Dialog
      title="New network"
      testId="create-network-dialog"
      submitLabel="Create"
      problems={form.name ? problems : [...problems, { field: 'name', message: 'Give the network a name.' }]}
      {...dialogProps}
      wide
    >
      <div className="form-grid">
        {engineField}
        <Field label="Name">{text('name', 'Name', 'localnet')}</Field>
        <Field label="Driver" hint={swarm ? undefined : 'overlay needs a swarm (docker swarm init)'}>
          <select value={form.driver} onChange={(event) => set('driver', event.target.value as NetworkForm['driver'])} aria-label="Driver">
            <option value="bridge">bridge</option>
            <option value="macvlan">macvlan</option>
            <option value="ipvlan">ipvlan</option>
            <option value="overlay" disabled={!swarm}>
              overlay{swarm ? '' : ' (needs a swarm)'}
            </option>
          </select>
        </Field>
        <Field label="IPv4 subnet" hint="empty: Docker picks one">
          {text('subnet', 'IPv4 subnet', '172.20.0.0/16')}
        </Field>
        <Field label="Gateway">{text('gateway', 'Gateway', '172.20.0.1')}</Field>
        <Field label="IP range" hint="addresses Docker hands out">
          {text('ipRange', 'IP range', '172.20.5.0/24')}
        </Field>
        <Field label="Auxiliary addresses" hint="NAME=IP, kept free">
          {text('auxAddresses', 'Auxiliary addresses', 'router=172.20.0.2')}
        </Field>
        {form.driver === 'bridge' && (
          <>
            <Field label="Linux bridge name" hint="empty: br-<id>">
              {text('bridgeName', 'Linux bridge name', 'br-app')}
            </Field>
            <Field label="MTU">{text('mtu', 'MTU', '1500')}</Field>
          </>
        )}
        {macOrIp && (
          <>
            <Field label="Parent interface">{text('parent', 'Parent interface', 'eth0')}</Field>
            <Field label="Mode">
              <select value={form.mode} onChange={(event) => set('mode', event.target.value)} aria-label="Mode">
                <option value="">default</option>
                {(form.driver === 'macvlan' ? ['bridge', 'vepa', 'private', 'passthru'] : ['l2', 'l3', 'l3s']).map((mode) => (
                  <option key={mode}>{mode}</option>
                ))}
              </select>
            </Field>
          </>
        )}
        <Field label="Labels" hint="KEY=VALUE, comma separated">
          {text('labels', 'Labels')}
        </Field>
      </div>
      <div className="checks">
        {check('internal', 'Internal (no route out of the host)')}
        {check('attachable', 'Attachable')}
        {form.driver === 'bridge' && check('icc', 'Inter-container communication')}
        {form.driver === 'bridge' && check('ipMasquerade', 'IP masquerade')}
        {check('ipv6', 'IPv6')}
      </div>
      {form.ipv6 && (
        <div className="form-grid">
          <Field label="IPv6 subnet">{text('subnet6', 'IPv6 subnet', 'fd00:dead:beef::/64')}</Field>
          <Field label="IPv6 gateway">{text('gateway6', 'IPv6 gateway')}</Field>
        </div>
      )}
      {form.name && <EquivalentCommand command={command} />}
    </Dialog>
  );
}
