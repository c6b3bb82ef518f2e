/**
 * The `dockwire` command: the same backend as the app, in a terminal.
 *   dockwire topology [--json]     print the host's networking
 *   dockwire serve [--port N]      browser mode on 127.0.0.1
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend.js';
import { startServer } from '../server/server.js';
import { connectCommand, disconnectCommand, networkCreateCommand, networkRmCommand, UsageError } from './changeCommands.js';
import { formatTree } from './formatTree.js';
import { testCommand } from './testCommand.js';
import { unwireCommand, wireCommand } from './wireCommands.js';

const USAGE = `usage:
  dockwire topology [--json]   print the Docker host's networks and containers
  dockwire serve [--port N]    serve the Dockwire UI to a browser on 127.0.0.1
  dockwire connect <container> <network> [--ip A.B.C.D] [--ip6 ADDR] [--alias NAME]... [--json]
  dockwire disconnect <container> <network> [--json]
  dockwire network create <name> [--driver bridge|macvlan|ipvlan|overlay] [--subnet CIDR]...
        [--gateway IP]... [--ip-range CIDR] [--aux-address NAME=IP]... [--ipv6] [--internal]
        [--attachable] [-o KEY=VALUE]... [--label KEY=VALUE]... [--json]
  dockwire network rm <network> [--disconnect] [--json]
  dockwire wire <container> <network> [--ip A.B.C.D/len] [--ifname NAME] [--host-ifname NAME] [--no-route] [--json]
  dockwire unwire <container> <ifname> [--json]
  dockwire test <from> <target> [--port N] [--http PATH] [--json]
        target: a container, a DNS name or alias, an IP, an http(s):// URL, or "host"

Changes are checked before Docker sees them; a refused change exits 1 and says why.

The engine is chosen as the docker CLI chooses it: DOCKER_HOST, DOCKER_CONTEXT,
currentContext in the Docker config, else /var/run/docker.sock.
The kernel view runs a small helper container on the engine (DOCKWIRE_HELPER=container,
the default); DOCKWIRE_HELPER=local runs it as a local process (root, local engine);
DOCKWIRE_HELPER=off runs without it.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'topology':
      return topology(rest);
    case 'serve':
      return serve(rest);
    case 'connect':
      return usage(() => connectCommand(rest));
    case 'disconnect':
      return usage(() => disconnectCommand(rest));
    case 'test':
      return usage(() => testCommand(rest));
    case 'wire':
      return usage(() => wireCommand(rest));
    case 'unwire':
      return usage(() => unwireCommand(rest));
    case 'network': {
      const [sub, ...args] = rest;
      if (sub === 'create') return usage(() => networkCreateCommand(args));
      if (sub === 'rm' || sub === 'remove') return usage(() => networkRmCommand(args));
      console.error(`dockwire network: expected create or rm\n\n${USAGE}`);
      return 2;
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`dockwire: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** Usage mistakes exit 2 with the usage text; everything else is the command's own business. */
async function usage(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`dockwire: ${error.message}\n\n${USAGE}`);
    return 2;
  }
}

async function topology(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length) {
    console.error(`dockwire topology: unknown option ${unknown[0]}\n\n${USAGE}`);
    return 2;
  }
  const backend = createBackend({ safetyRelistMs: 3_600_000 });
  // A one-shot command reports the first failure to reach the engine instead of retrying.
  const unreachable = new Promise<never>((_, reject) =>
    backend.on('status', (status) => status.error && reject(new Error(status.error))),
  );
  try {
    const result = await Promise.race([backend.handlers.getTopology({}), unreachable]);
    console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : formatTree(result));
    return 0;
  } finally {
    await backend.stop();
  }
}

async function serve(args: string[]): Promise<number> {
  let port = 0;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--port') {
      port = Number(args[++index]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error('dockwire serve: --port takes a number from 0 to 65535');
        return 2;
      }
    } else {
      console.error(`dockwire serve: unknown option ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  const backend = createBackend();
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const server = await startServer({ backend, staticDir, port });
  // The URL carries this launch's token: only whoever sees this output can use the UI.
  console.log(`Dockwire is serving on ${server.url}`);
  const shutdown = async () => {
    await server.close();
    await backend.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  return new Promise<number>(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`dockwire: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
