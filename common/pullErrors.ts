/**
 * Pure: why a pull failed, in plain words, from the engine's message (an HTTP
 * error of POST /images/create, or an error line in its stream). The engine's
 * own words always follow, for what these rules do not know.
 */
import { DockwireError } from './errors.js';
import type { ImageRef } from './imageRef.js';

const NOT_FOUND = /manifest unknown|manifest for .* not found|not found: manifest|repository .*not found|name unknown/i;
const DENIED_OR_MISSING = /pull access denied|repository does not exist/i;
const UNAUTHORIZED =
  /unauthorized|authentication required|no basic auth credentials|incorrect username or password|denied: requested access/i;
const UNREACHABLE =
  /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|server gave HTTP response to HTTPS client|network is unreachable|connection reset|context deadline exceeded|EOF$/i;

export function explainPullError(engineSaid: string, ref: ImageRef, credentialsLookedIn: string): DockwireError {
  const said = engineSaid.trim().slice(0, 1000);
  const details = { dockerMessage: said };
  const where = `${ref.repository}:${ref.tagOrDigest}`;
  if (NOT_FOUND.test(said))
    return new DockwireError(
      'not-found',
      `${ref.text} was not found: the registry ${ref.registry} has no ${where}. Check the name and the tag.`,
      details,
    );
  if (DENIED_OR_MISSING.test(said))
    return new DockwireError(
      'not-found',
      `${ref.text} was not found at ${ref.registry}, or it needs credentials there (${where}). Check the name, or log in with "docker login${ref.registry === 'docker.io' ? '' : ` ${ref.registry}`}"; credentials are looked up in ${credentialsLookedIn}.`,
      details,
    );
  if (UNAUTHORIZED.test(said))
    return new DockwireError(
      'unauthorized',
      `The registry ${ref.registry} refused to let the engine pull ${where}: it wants valid credentials. Log in with "docker login${ref.registry === 'docker.io' ? '' : ` ${ref.registry}`}"; credentials are looked up in ${credentialsLookedIn}.`,
      details,
    );
  if (UNREACHABLE.test(said))
    return new DockwireError('registry-unreachable', `The engine could not reach the registry ${ref.registry}: ${said}`, details);
  return new DockwireError('docker-refused', `The engine could not pull ${ref.text}: ${said}`, details);
}
