/**
 * Run a container in any network mode, with the equivalent `docker run` shown
 * and copyable. Any image: one the engine does not have is pulled first, its
 * progress shown here, and Cancel stops the pull (nothing is created).
 */
import { useEffect, useState } from 'react';
import type { ImageInfo } from '../../../common/contract';
import { parseImageRef } from '../../../common/imageRef';
import { validateRun } from '../../../common/validateRun';
import { act, previewChange } from '../actions/registry';
import { useDockwire } from '../store/store';
import { useEngineChoice } from './useEngineChoice';
import { readImages } from '../store/subscribe';
import { PullProgressView } from './PullProgressView';
import { Dialog, Field } from './Dialog';
import { EMPTY_RUN_FORM, runSpecFromForm, type RunForm } from './runForm';
import { EquivalentCommand } from './EquivalentCommand';
import { useSubmit } from './useSubmit';

export function RunContainerDialog({ network }: { network?: string }) {
  const { engine, part: topology, field: engineField } = useEngineChoice();
  const [images, setImages] = useState<ImageInfo[] | null>(null);
  const [form, setForm] = useState<RunForm>({ ...EMPTY_RUN_FORM, network: network ?? 'bridge' });
  useEffect(() => {
    void readImages(engine)
      // Suggestions only: the field is never filled in under the person typing in it.
      .then(setImages)
      .catch(() => setImages([]));
  }, [engine]);
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof RunForm, label: string, placeholder = '') => (
    <input
      value={form[key]}
      onChange={(event) => set(key, event.target.value as never)}
      placeholder={placeholder ? `e.g. ${placeholder}` : undefined}
      aria-label={label}
    />
  );
  const { spec: formSpec, problems: formProblems } = runSpecFromForm(form);
  const spec = engine === undefined ? formSpec : { ...formSpec, engine };
  const tags = (images ?? []).flatMap((image) => image.tags);
  const problems = [...formProblems, ...(topology ? validateRun(spec, topology) : [])];
  const missing = images !== null && isMissing(spec.image, images);
  // Each submit follows its own pull: progress events carry this id.
  const [pullId] = useState(() => nextPullId++);
  const input = { spec, pullId: missing ? pullId : null };
  const command = previewChange('container.run', input)?.command ?? '';
  const { dialogProps } = useSubmit(() => act('container.run', input));
  const pull = useDockwire((state) => (state.pull?.pullId === pullId ? state.pull : null));
  const pulling = dialogProps.busy && pull !== null && !pull.finished;
  useEffect(() => () => useDockwire.getState().watchPull(null), []);
  // While the pull runs, Cancel stops it (the dialog stays, saying so); otherwise it closes the dialog.
  const onCancel = () => (pulling ? void act('pull.cancel', { pullId }) : dialogProps.onCancel());
  const running = (topology?.containers ?? []).filter((c) => c.state === 'running');
  return (
    <Dialog
      title="Run a container"
      testId="run-container-dialog"
      submitLabel="Run"
      problems={problems}
      {...dialogProps}
      onCancel={onCancel}
      {...(pulling ? { cancelLabel: 'Cancel pull' } : {})}
      wide
    >
      <div className="form-grid">
        {engineField}
        <Field
          label="Image"
          hint={
            missing && problems.every((p) => p.field !== 'image')
              ? 'not on this engine: Run pulls it first'
              : 'any image; the engine’s own are suggested'
          }
        >
          <input
            list="engine-images"
            value={form.image}
            onChange={(event) => set('image', event.target.value)}
            placeholder="e.g. nginx:1.27"
            aria-label="Image"
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id="engine-images">
            {tags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
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
      {pull && dialogProps.busy && <PullProgressView progress={pull} />}
      <EquivalentCommand command={command} testId="docker-run-command" />
    </Dialog>
  );
}

let nextPullId = 1;

/** Whether the engine lacks the image (by its name as listed, or as typed); an id or a bad name is not pulled. */
function isMissing(image: string, images: ImageInfo[]): boolean {
  if (!image || images.some((i) => i.id === image || i.id === `sha256:${image}`)) return false;
  try {
    const { canonical } = parseImageRef(image);
    return !images.some((i) => i.tags.includes(canonical) || i.tags.includes(image));
  } catch {
    return false;
  }
}
