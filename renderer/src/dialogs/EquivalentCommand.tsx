/** The command a person would type to make this change: shown in every dialog that changes the host, and copyable. */
import { Fragment, useState } from 'react';

export function EquivalentCommand({
  command,
  testId = 'equivalent-command',
  copyLabel = 'Copy',
}: {
  command: string;
  testId?: string;
  copyLabel?: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="command-preview">
      {/* Each word its own box: lines break between the arguments, never inside one at a hyphen (a name, an option). */}
      <code data-testid={testId}>
        {command.split(' ').map((word, index) => (
          <Fragment key={index}>
            {index > 0 && ' '}
            <span className="command-word">{word}</span>
          </Fragment>
        ))}
      </code>
      <button
        type="button"
        aria-label={copyLabel === 'Copy' ? 'Copy the equivalent command' : copyLabel}
        onClick={() => {
          void navigator.clipboard.writeText(command).then(() => setCopied(true));
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? 'Copied' : copyLabel}
      </button>
    </div>
  );
}
