/** The command a person would type to make this change: shown in every dialog that changes the host, and copyable. */
import { useState } from 'react';

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
      <code data-testid={testId}>{command}</code>
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
