/**
 * Which engines the window follows: each followed one with its state (removable while another is left), the
 * Docker contexts of the user's Docker config not yet followed (one click adds one), and an address to add by
 * hand (unix://, tcp://, ssh://). A change is live: the new engine's frame appears as it answers. The choice
 * is remembered for the next start that names no engines.
 */
import { useEffect, useState } from 'react';
import type { EngineList } from '../../../common/engineList';
import type { FieldProblem } from '../../../common/specs';
import { act } from '../actions/registry';
import type { Outcome } from '../actions/perform';
import { readEngines } from '../store/subscribe';
import { useDockwire, useTopology } from '../store/store';
import { Dialog, Field } from './Dialog';

const ADDRESS = /^(unix|tcp|ssh|npipe):\/\/\S+$/;

export function EnginesDialog() {
  const close = () => useDockwire.getState().closeDialog();
  const topology = useTopology();
  const [list, setList] = useState<EngineList | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ text: string } | null>(null);
  const [address, setAddress] = useState('');
  useEffect(() => {
    readEngines().then(setList, (error: Error) => setFailure({ text: error.message }));
  }, []);
  const change = (what: string, run: () => Promise<Outcome<unknown> | void>) => {
    setBusy(what);
    setFailure(null);
    void run().then((outcome) => {
      setBusy(null);
      if (!outcome) return;
      if (!outcome.ok) return setFailure({ text: outcome.failure.text });
      setList(outcome.result as EngineList);
      setAddress('');
    });
  };
  const stateOf = (name: string) =>
    topology?.hosts?.find((host) => host.name === name)?.state ?? (topology && !topology.hosts ? 'live' : 'connecting');
  const followed = new Set(list?.followed.map((engine) => engine.name));
  const problems: FieldProblem[] =
    address.trim() && !ADDRESS.test(address.trim())
      ? [{ field: 'address', message: 'An address starts with unix://, tcp:// or ssh:// (as in DOCKER_HOST).' }]
      : [];
  return (
    <Dialog
      title="Engines"
      testId="engines-dialog"
      submitLabel={list?.canChange && address.trim() ? 'Add address' : ''}
      problems={problems}
      busy={busy !== null}
      failure={failure}
      onSubmit={() => change(address, () => act('engines.add', { host: address.trim() }))}
      onCancel={close}
      wide
    >
      {!list && !failure && <p className="muted">Reading the Docker contexts…</p>}
      {list && (
        <>
          <h3>Followed</h3>
          <ul className="engine-rows" data-testid="engines-followed">
            {list.followed.map((engine) => (
              <li key={engine.name} className="engine-row" data-testid={`engine-${engine.name}`}>
                <b>{engine.name}</b> <span className="mono muted">{engine.endpoint}</span>{' '}
                <span className={`engine-state state-${stateOf(engine.name)}`}>{stateOf(engine.name)}</span>
                {list.canChange && (
                  <button
                    type="button"
                    disabled={busy !== null || list.followed.length === 1}
                    title={list.followed.length === 1 ? 'The only engine followed: add another first' : `Stop following ${engine.name}`}
                    onClick={() => change(engine.name, () => act('engines.remove', { name: engine.name }))}
                  >
                    {busy === engine.name ? 'Removing…' : 'Remove'}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {list.canChange ? (
            <>
              <h3>Docker contexts</h3>
              <ul className="engine-rows" data-testid="engines-contexts">
                {list.contexts
                  .filter((context) => !followed.has(context.name))
                  .map((context) => (
                    <li key={context.name} className="engine-row" data-testid={`context-${context.name}`}>
                      <b>{context.name}</b> <span className="mono muted">{context.endpoint}</span>
                      {context.description && <span className="muted"> · {context.description}</span>}
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() => change(context.name, () => act('engines.add', { context: context.name }))}
                      >
                        {busy === context.name ? 'Adding…' : 'Add'}
                      </button>
                    </li>
                  ))}
              </ul>
              {list.contexts.every((context) => followed.has(context.name)) && <p className="muted">Every context is followed.</p>}
              <Field label="Or an address" hint="unix:///path/docker.sock, tcp://host:2376 (TLS as DOCKER_CERT_PATH says), ssh://user@host">
                <input
                  data-testid="engine-address"
                  value={address}
                  placeholder="ssh://user@host"
                  onChange={(event) => setAddress(event.target.value)}
                />
              </Field>
              {list.problem && <p className="muted">{list.problem}</p>}
              {list.rememberedIn && <p className="muted">Remembered in {list.rememberedIn} for the next start that names no engines.</p>}
            </>
          ) : (
            <p className="muted">These engines were fixed when this view started (a snapshot follows none).</p>
          )}
        </>
      )}
    </Dialog>
  );
}
