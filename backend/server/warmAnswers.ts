/**
 * The warm path: a Dockwire that already follows an engine (the app, `dockwire serve`) answers this user's
 * `dockwire topology` from its live model over a Unix socket (../util/privateSocket.ts), so the CLI need not
 * list, inspect and read every namespace again.
 *
 * The exchange is one line and one answer per connection. The CLI sends `topology\n`; the answer is a header
 * line, then, when ok, exactly `bytes` bytes of the Topology as `dockwire topology --json` prints it:
 *   {"ok":true,"engine":URL,"bytes":N}\n<N bytes>      or      {"ok":false,"reason":"…"}\n
 * Whatever else arrives (more than a short line, a line that is not the request, nothing within a second)
 * gets a refusal and the socket is closed; the server goes on answering.
 */
import { chmodSync, statSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Topology } from '../../common/topology.js';
import type { Backend } from '../backend.js';
import { ensurePrivateSocketDir, privateSocketDir, warmSocketPath } from '../util/privateSocket.js';

export const WARM_REQUEST = 'topology';
/** A request is one short line: anything longer is not one. */
const MAX_REQUEST_BYTES = 64;
/** A client that connects and says nothing is dropped after this long. */
const REQUEST_TIMEOUT_MS = 1000;
/** How long the live model may take to take in what it has received before answering. */
const SETTLE_TIMEOUT_MS = 2000;

export interface WarmAnswers {
  path: string;
  close(): Promise<void>;
}

/** The Topology as `dockwire topology --json` prints it, made once per published Topology. */
const printed = new WeakMap<Topology, Buffer>();
function printedJson(topology: Topology): Buffer {
  let text = printed.get(topology);
  if (!text) {
    text = Buffer.from(JSON.stringify(topology, null, 2));
    printed.set(topology, text);
  }
  return text;
}

/** Why the live model cannot stand in for a fresh read right now, or null when it can. */
async function whyNotWarm(backend: Pick<Backend, 'handlers'>): Promise<string | null> {
  const status = await backend.handlers.getStatus({});
  if (status.state !== 'live') return `the engine is ${status.state} here${status.error ? ` (${status.error})` : ''}`;
  return null;
}

async function answer(backend: Pick<Backend, 'handlers' | 'settle' | 'engineUrl'>, socket: Socket): Promise<void> {
  const reason = await whyNotWarm(backend);
  if (reason) return void socket.end(`${JSON.stringify({ ok: false, reason })}\n`);
  const settled = await Promise.race([
    backend.settle().then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), SETTLE_TIMEOUT_MS).unref()),
  ]);
  if (!settled) return void socket.end(`${JSON.stringify({ ok: false, reason: 'the live model is still catching up' })}\n`);
  const topology = await backend.handlers.getTopology({});
  if (topology.hosts) return void socket.end(`${JSON.stringify({ ok: false, reason: 'it follows several engines here' })}\n`);
  // Without the kernel view here, a fresh read (which starts its own helper) can tell more.
  if (topology.helper.mode !== 'container' && topology.helper.mode !== 'local')
    return void socket.end(`${JSON.stringify({ ok: false, reason: `the kernel view is not running here (${topology.helper.reason})` })}\n`);
  const body = printedJson(topology);
  socket.write(`${JSON.stringify({ ok: true, engine: backend.engineUrl, bytes: body.length })}\n`);
  socket.end(body);
}

function onConnection(backend: Pick<Backend, 'handlers' | 'settle' | 'engineUrl'>, socket: Socket): void {
  socket.on('error', () => socket.destroy());
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  let received = '';
  const refuse = (reason: string) => {
    socket.removeAllListeners('data');
    socket.end(`${JSON.stringify({ ok: false, reason })}\n`);
  };
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    const newline = received.indexOf('\n');
    if (newline < 0) {
      if (received.length > MAX_REQUEST_BYTES) refuse('not a request');
      return;
    }
    socket.removeAllListeners('data');
    socket.setTimeout(0);
    if (received.slice(0, newline) !== WARM_REQUEST) return refuse('not a request');
    answer(backend, socket).catch((error: unknown) => refuse(error instanceof Error ? error.message : String(error)));
  });
}

/**
 * Answers the CLI for the engine this backend follows. The socket is made 0600 inside a 0700 folder of this
 * user's. A socket left by a Dockwire that died is replaced; one a live Dockwire answers on is left to it.
 */
export async function startWarmAnswers(
  backend: Pick<Backend, 'handlers' | 'settle' | 'engineUrl'>,
  { env = process.env, uid = process.getuid?.() ?? 0 }: { env?: Record<string, string | undefined>; uid?: number } = {},
): Promise<WarmAnswers> {
  const dir = privateSocketDir(env, uid);
  ensurePrivateSocketDir(dir, uid);
  const path = warmSocketPath(dir, backend.engineUrl);
  if (await answersOn(path)) throw new Error(`another Dockwire already answers the CLI for ${backend.engineUrl} (${path})`);
  try {
    unlinkSync(path);
  } catch {
    // Not there: nothing to replace.
  }
  const server = createServer((socket) => onConnection(backend, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  const inode = statSync(path).ino;
  return {
    path,
    close: () => closeAndUnlink(server, path, inode),
  };
}

/** Whether something answers connections on path (a live Dockwire), as opposed to a file left behind. */
function answersOn(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path, () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

async function closeAndUnlink(server: Server, path: string, inode: number): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // Only our own socket: another Dockwire may have taken the name since.
  try {
    if (statSync(path).ino === inode) unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** startWarmAnswers for a host (serve, the app): a failure costs only the warm path, and is said once. */
export async function answerTheCli(
  backend: Pick<Backend, 'handlers' | 'settle' | 'engineUrl'>,
  say: (line: string) => void,
): Promise<WarmAnswers | null> {
  try {
    return await startWarmAnswers(backend);
  } catch (error) {
    say(`dockwire: dockwire topology will read the engine afresh: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
