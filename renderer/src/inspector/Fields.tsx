/** A definition list of label/value rows; each row is findable by its label in tests. */
import type { ReactNode } from 'react';

export function Fields({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="fields">
      {rows.map(([label, value]) => (
        <div className="field" key={label} data-testid={`field-${label}`}>
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? <span className="muted">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const list = (values: string[]) => (values.length ? values.join(', ') : null);
export const record = (values: Record<string, string>) =>
  Object.keys(values).length ? (
    <ul className="kv">
      {Object.entries(values).map(([key, value]) => (
        <li key={key} className="mono">
          {key}={value}
        </li>
      ))}
    </ul>
  ) : null;
