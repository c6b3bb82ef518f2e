/** Turns a failed change into an error the UI can explain: checked-and-refused, Docker-refused, or engine gone. */
import { explainDockerError, dockerMessage } from '../../common/dockerErrors.js';
import { DockwireError } from '../../common/errors.js';
import type { FieldProblem } from '../../common/specs.js';
import { explainEngineError } from './engineErrors.js';

/** Problems found before anything was sent: nothing was changed. */
export function invalid(problems: FieldProblem[]): DockwireError {
  return new DockwireError('invalid', problems.map((p) => p.message).join(' '), { problems });
}

/** Docker said no (or the engine is gone): its words, what they mean, and what was undone. */
export function refused(error: unknown, endpointUrl: string, rolledBack: string[] = []): DockwireError {
  if (error instanceof DockwireError) return error;
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode !== 'number') return new DockwireError('engine-unreachable', explainEngineError(error, endpointUrl));
  const said = dockerMessage(error);
  return new DockwireError('docker-refused', explainDockerError(said), {
    dockerMessage: said,
    ...(rolledBack.length ? { rolledBack } : {}),
  });
}
