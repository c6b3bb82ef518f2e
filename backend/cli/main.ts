/**
 * The `dockwire` command: the same backend as the app, in a terminal.
 *   dockwire topology [--json]     print the host's networking
 *   dockwire serve [--port N]      browser mode on 127.0.0.1
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../backend.js';
import { parseCommand } from './args.js';
import { cliBackend } from './cliBackend.js';
import { connectCommand, disconnectCommand, networkCreateCommand, networkRmCommand } from './changeCommands.js';
import { printFailure, printOutcome, UsageError, type Outcome } from './outcome.js';
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
  dockwire test host <IP:PORT | CONTAINER:PORT> [--http PATH] [--json]
        a published port, from the engine host: 127.0.0.1:5050, or web:80 (found through what web publishes)

Changes are checked before Docker sees them. Exit status: 0 done (or already so),
1 refused, engine unreachable or a test step failed, 2 a malformed command line.
With --json, stdout holds one JSON document: {"ok":true,"result":…} or
{"ok":false,"error":{"code","message","details"}} (dockwire topology --json: the Topology).

The engine is chosen as the docker CLI chooses it: DOCKER_HOST, DOCKER_CONTEXT,
currentContext in the Docker config, else /var/run/docker.sock.
The kernel view runs a small helper container on the engine (DOCKWIRE_HELPER=container,
the default); DOCKWIRE_HELPER=local runs it as a local process (root, local engine);
DOCKWIRE_HELPER=off runs without it.`;

/** The commands that run once and end with an Outcome (./outcome.ts). */
const ONE_SHOT: Record<string, (args: string[]) => Promise<Outcome>> = {
  topology: topologyCommand,
  connect: connectCommand,
  disconnect: disconnectCommand,
  test: testCommand,
  wire: wireCommand,
  unwire: unwireCommand,
  'network create': networkCreateCommand,
  'network rm': networkRmCommand,
  'network remove': networkRmCommand,
};

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'serve') return serve(rest);
  const [key, args] = command === 'network' ? [`network ${rest[0] ?? ''}`, rest.slice(1)] : [command, rest];
  try {
    const run = ONE_SHOT[key];
    if (!run) throw new UsageError(command === 'network' ? 'dockwire network: expected create or rm' : `unknown command "${command}"`);
    return printOutcome(await run(args), json);
  } catch (error) {
    return printFailure(error, json, USAGE);
  }
}

async function topologyCommand(args: string[]): Promise<Outcome> {
  const { values } = parseCommand(args, {}, []);
  const backend = cliBackend({ kernelView: true });
  try {
    const result = await backend.handlers.getTopology({});
    return { ok: true, result, text: formatTree(result), ...(values.json ? { document: result } : {}) };
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
  // Bundled as CommonJS (dist/backend/cli.cjs): __dirname; from sources (tests): import.meta.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const staticDir = join(here, '..', 'renderer');
  // Loaded only for this command: the one-shot commands never pay for the server and its WebSocket library.
  const { startServer } = await import('../server/server.js');
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
