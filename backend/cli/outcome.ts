/**
 * How every `dockwire` command ends, the same way for all of them:
 *   exit 0: it did what was asked (or it was already so)   --json: {"ok":true,"result":…}
 *   exit 1: it could not (refused, engine unreachable, a test step failed)
 *           --json: {"ok":false,"error":{code,message,details}}, or {"ok":false,"result":report} for a failed test
 *   exit 2: the command line is wrong                       --json: {"ok":false,"error":{"code":"usage",…}}
 *           or a file it names is not a Dockwire snapshot  --json: {"ok":false,"error":{"code":"invalid",…}}
 * With --json, stdout holds exactly one JSON document, whatever happened.
 */
import { SnapshotError } from '../../common/snapshot.js';
import { toErrorData, type DockwireError, type ErrorData } from '../../common/errors.js';
import { printable } from '../../common/printable.js';

export class UsageError extends Error {}

export interface Outcome {
  ok: boolean;
  result: unknown;
  /** What a person reads on a terminal. */
  text: string;
  /** What --json prints instead of {ok, result} (the Topology, a public document of its own). */
  document?: unknown;
}

/** A change that was already in place is not a failure: it is reported as done, with changed: false. */
export function unchanged(error: DockwireError): Outcome {
  return { ok: true, result: { changed: false, message: error.message }, text: error.message };
}

export function printOutcome(outcome: Outcome, json: boolean): number {
  // A failed test is still the command's product (its report), so it goes to stdout too.
  console.log(json ? JSON.stringify(outcome.document ?? { ok: outcome.ok, result: outcome.result }, null, 2) : printable(outcome.text));
  return outcome.ok ? 0 : 1;
}

export function printFailure(error: unknown, json: boolean, usage: string): number {
  const data: ErrorData = error instanceof UsageError ? { code: 'usage', message: error.message } : toErrorData(error);
  if (json) {
    console.log(JSON.stringify({ ok: false, error: data }, null, 2));
  } else {
    // Messages carry names and words from outside (Docker's, a snapshot's): shown, never obeyed by the terminal.
    console.error(printable(`dockwire: ${data.message}`));
    if (data.details?.dockerMessage) console.error(printable(`Docker said: ${data.details.dockerMessage}`));
    for (const undone of data.details?.rolledBack ?? []) console.error(printable(`undone: ${undone}`));
    if (error instanceof UsageError) console.error(`\n${usage}`);
  }
  return error instanceof UsageError || error instanceof SnapshotError ? 2 : 1;
}
