/**
 * Turns low-level failures into sentences that say which endpoint was tried,
 * what went wrong, and what to do about it.
 */
export function explainEngineError(error: unknown, endpointUrl: string): string {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOENT':
      return `No Docker engine at ${endpointUrl}: the socket does not exist. Start the Docker daemon, or point DOCKER_HOST or a Docker context at a running one.`;
    case 'ECONNREFUSED':
      return `The Docker engine at ${endpointUrl} refused the connection: the daemon is not running or not listening there.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied on ${endpointUrl}: run Dockwire as a user in the docker group (or as root).`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `The Docker engine at ${endpointUrl} closed the connection (${String(code)}): the daemon stopped or restarted.`;
    case 'EHOSTKEY':
      return `Refused the Docker engine at ${endpointUrl}: ${message}`;
    case 'ETIMEDOUT':
      return `The Docker engine at ${endpointUrl} did not answer in time (${message}): it may be hung or overloaded.`;
    default:
      return `The Docker engine at ${endpointUrl} failed: ${message}`;
  }
}

/** dockerode reports HTTP errors with statusCode; a 404 means the object is gone. */
export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: unknown })?.statusCode === 404;
}
