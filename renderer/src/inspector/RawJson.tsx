/** Docker's own inspect JSON for the selected object, fetched on demand, copyable. */
import { useState } from 'react';
import type { InspectKind } from '../../../common/contract';
import { readInspect } from '../store/subscribe';

/** Starts afresh for each object: a new kind or id is a new component (keyed), not state reset in an effect. */
export function RawJson(props: { kind: InspectKind; id: string; pick?: (raw: unknown) => unknown }) {
  return <RawJsonOf key={`${props.kind}:${props.id}`} {...props} />;
}

function RawJsonOf({ kind, id, pick }: { kind: InspectKind; id: string; pick?: (raw: unknown) => unknown }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const load = async () => {
    try {
      const raw = await readInspect(kind, id);
      setText(JSON.stringify(pick ? pick(raw) : raw, null, 2));
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    }
  };
  const copy = async () => {
    if (!text) return;
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <section className="raw-json">
      <div className="raw-json-bar">
        <button type="button" onClick={() => void load()}>
          {text ? 'Reload' : 'Show'} raw inspect JSON
        </button>
        {text && (
          <button type="button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
      </div>
      {error && <p className="error">{error}</p>}
      {text && (
        <pre data-testid="raw-json" tabIndex={0}>
          {text}
        </pre>
      )}
    </section>
  );
}
