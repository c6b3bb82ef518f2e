/** Makes the dockerode client for a resolved endpoint. dockerode stays inside the backend. */
import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import { addCallDeadlines } from './callDeadlines.js';
import type { EngineEndpoint } from './endpoint.js';

/** The client for an endpoint, with a deadline on every call (./callDeadlines.ts). */
export function createDockerClient(endpoint: EngineEndpoint): Docker {
  return addCallDeadlines(createRawClient(endpoint));
}

function createRawClient(endpoint: EngineEndpoint): Docker {
  const { connection } = endpoint;
  switch (connection.kind) {
    case 'socket':
      return new Docker({ socketPath: connection.socketPath });
    case 'ssh':
      return new Docker({ protocol: 'ssh', host: connection.host, port: connection.port, username: connection.username });
    case 'tcp': {
      if (!connection.tls) return new Docker({ protocol: 'http', host: connection.host, port: connection.port });
      const { tls } = connection;
      return new Docker({
        protocol: 'https',
        host: connection.host,
        port: connection.port,
        ca: readFileSync(tls.ca),
        cert: readFileSync(tls.cert),
        key: readFileSync(tls.key),
        // Only a context with SkipTLSVerify turns verification off, as in the Docker CLI.
        ...(tls.verify ? {} : { rejectUnauthorized: false }),
      } as Docker.DockerOptions);
    }
  }
}
