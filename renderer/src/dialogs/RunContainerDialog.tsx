/** Run a container in any network mode, with the equivalent `docker run` shown and copyable. */
import { useEffect, useState } from 'react';
import type { ImageInfo } from '../../../common/contract';
import { validateRun } from '../../../common/validateRun';
import { client } from '../client/instance';
import { useTopology } from '../store/store';
import { Dialog, Field } from './Dialog';
import { EMPTY_RUN_FORM, runSpecFromForm, type RunForm } from './runForm';
import { runContainerChange } from '../actions/changes';
import { EquivalentCommand } from './EquivalentCommand';
import { useSubmit } from './useSubmit';

export function RunContainerDialog({ network }: { network?: string }) {
  const topology = useTopology();
  const [images, setImages] = useState<ImageInfo[] | null>(null);
  const [form, setForm] = useState<RunForm>({ ...EMPTY_RUN_FORM, network: network ?? 'bridge' });
  useEffect(() => {
    void client()
      .listImages({})
      .then((list) => {
        setImages(list);
        setForm((f) => (f.image ? f : { ...f, image: list[0]?.tags[0] ?? '' }));
      })
      .catch(() => setImages([]));
  }, []);
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof RunForm, label: string, placeholder = '') => (
    <input
      value={form[key]}
      onChange={(event) => set(key, event.target.value as never)}
      placeholder={placeholder ? `e.g. ${placeholder}` : undefined}
      aria-label={label}
    />
  );
  const { spec, problems: formProblems } = runSpecFromForm(form);
  const tags = (images ?? []).flatMap((image) => image.tags);
  const problems = [...formProblems, ...(topology && images ? validateRun(spec, topology, tags) : [])];
  const change = runContainerChange(spec);
  const { dialogProps } = useSubmit(() => change);
  const running = (topology?.containers ?? []).filter((c) => c.state === 'running');
  return (
    <Dialog
      title="Run a container"
      testId="run-container-dialog"
      submitLabel="Run"
      problems={images === null ? [{ field: 'image', message: 'Loading the engine’s images…' }] : problems}
      {...dialogProps}
      wide
    >
      <div className="form-grid">
        <Field label="Image" hint="local images only: Dockwire does not pull">
          <select value={form.image} onChange={(event) => set('image', event.target.value)} aria-label="Image">
            {tags.map((tag) => (
              <option key={tag}>{tag}</option>
            ))}
          </select>
        </Field>
        <Field label="Name">{text('name', 'Name', 'web')}</Field>
        <Field label="Command" hint="empty: the image’s default">
          {text('command', 'Command', 'httpd -f -p 80 -h /www')}
        </Field>
        <Field label="Network mode">
          <select
            value={form.modeKind}
            onChange={(event) => set('modeKind', event.target.value as RunForm['modeKind'])}
            aria-label="Network mode"
          >
            <option value="network">a network</option>
            <option value="host">host</option>
            <option value="none">none</option>
            <option value="container">container:…</option>
          </select>
        </Field>
        {form.modeKind === 'network' && (
          <Field label="Network">
            <select value={form.network} onChange={(event) => set('network', event.target.value)} aria-label="Network">
              {(topology?.networks ?? [])
                .filter((n) => n.driver !== 'host' && n.driver !== 'null')
                .map((n) => (
                  <option key={n.id}>{n.name}</option>
                ))}
            </select>
          </Field>
        )}
        {form.modeKind === 'container' && (
          <Field label="Share the namespace of">
            <select value={form.container} onChange={(event) => set('container', event.target.value)} aria-label="Share the namespace of">
              <option value="">choose a running container</option>
              {running.map((c) => (
                <option key={c.id}>{c.name}</option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Published ports" hint="HOST:CONTAINER, comma separated">
          {text('ports', 'Published ports', '5050:80')}
        </Field>
        <Field label="Aliases" hint="DNS names on the network">
          {text('aliases', 'Aliases')}
        </Field>
        <Field label="DNS servers" hint="--dns">
          {text('dns', 'DNS servers')}
        </Field>
        <Field label="DNS search domains" hint="--dns-search">
          {text('dnsSearch', 'DNS search domains')}
        </Field>
        <Field label="Extra hosts" hint="--add-host NAME:ADDRESS, comma separated">
          {text('extraHosts', 'Extra hosts', 'db.local:10.0.0.5')}
        </Field>
        <Field label="Labels" hint="KEY=VALUE, comma separated">
          {text('labels', 'Labels')}
        </Field>
      </div>
      <EquivalentCommand command={change.command} testId="docker-run-command" />
    </Dialog>
  );
}
