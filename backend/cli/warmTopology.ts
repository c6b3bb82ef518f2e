/**
 * `dockwire topology` from a Dockwire that already follows the engine (the app or `dockwire serve`), asked
 * over this user's private socket (../server/warmAnswers.ts). Bundled on its own (dist/backend/warm.cjs)
 * and tried by bin/dockwire.js before the whole CLI is loaded: an answer from the live model then costs
 * Node's start and one round trip, not a read of the engine and every namespace.
 *
 * Anything it does not handle (--fresh, --help, an unknown option, no Dockwire answering, the kernel view
 * turned off) falls through to the full CLI, which reads the engine afresh and says what is wrong.
 */
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { printable } from '../../common/printable.js';
import type { Topology } from '../../common/topology.js';
import { engineEndpoint, helperPreference } from '../config.js';
import { privateSocketDir, untrustedReason, warmSocketPath } from '../util/privateSocket.js';
import { StageTimings } from '../util/stageTimings.js';
import { exitWhenFlushed } from './exitWhenFlushed.js';
import { TOPOLOGY_FORMATS } from './topologyFormats.js';

/** A live Dockwire answers at once; one that takes longer than this is passed over for a fresh read. */
const ANSWER_TIMEOUT_MS = 3000;
/** The header line is short; a Topology is bounded too (a host of 10 000 containers is far below this). */
const MAX_HEADER_BYTES = 4096;
const MAX_BODY_BYTES = 512 * 1024 * 1024;

export type WarmAnswer = { ok: true; body: Buffer } | { ok: false; reason: string };

/** Asks the Dockwire answering on socketPath for its Topology of engineUrl, as `topology --json` prints it. */
export function askWarm(socketPath: string, engineUrl: string, timeoutMs = ANSWER_TIMEOUT_MS): Promise<WarmAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let header: { ok: boolean; engine?: string; bytes?: number; reason?: string } | null = null;
    let headerEnd = -1;
    let settled = false;
    const finish = (answer: WarmAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    const socket = connect(socketPath, () => socket.write('topology\n'));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        reason: error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? 'no Dockwire is running for it' : error.message,
      }),
    );
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (!header) {
        const all = Buffer.concat(chunks);
        headerEnd = all.indexOf(10);
        if (headerEnd < 0) {
          if (all.length > MAX_HEADER_BYTES) finish({ ok: false, reason: 'its answer was not one' });
          return;
        }
        try {
          header = JSON.parse(all.subarray(0, headerEnd).toString('utf8'));
        } catch {
          return finish({ ok: false, reason: 'its answer was not one' });
        }
        if (!header?.ok) return finish({ ok: false, reason: header?.reason ?? 'it said no' });
        if (header.engine !== engineUrl) return finish({ ok: false, reason: `it follows another engine (${header.engine})` });
        if (!Number.isSafeInteger(header.bytes) || header.bytes! < 0 || header.bytes! > MAX_BODY_BYTES)
          return finish({ ok: false, reason: 'its answer was not one' });
        chunks.length = 0;
        chunks.push(all);
      }
      if (received - headerEnd - 1 > header.bytes!) finish({ ok: false, reason: 'its answer was longer than it said' });
    });
    socket.on('end', () => {
      if (!header?.ok) return finish({ ok: false, reason: 'it closed without an answer' });
      const body = Buffer.concat(chunks).subarray(headerEnd + 1);
      if (body.length !== header.bytes) return finish({ ok: false, reason: 'its answer was cut short' });
      finish({ ok: true, body });
    });
  });
}

/** The options the warm path takes; anything else is the full CLI's to handle (and explain). */
function warmOptions(args: string[]): { format: string; json: boolean; timings: boolean } | null {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, format: { type: 'string' }, timings: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const format = values.format ?? (values.json ? 'json' : 'tree');
    if (positionals.length || !Object.hasOwn(TOPOLOGY_FORMATS, format) || (values.json && format !== 'json')) return null;
    return { format, json: Boolean(values.json), timings: Boolean(values.timings) };
  } catch {
    return null;
  }
}

/**
 * Prints the Topology from a running Dockwire and ends the process: true. False when the full CLI must
 * answer instead (with --timings, it is told why on stderr).
 */
export async function answeredWarm(args: string[], env = process.env, uid = process.getuid?.() ?? 0): Promise<boolean> {
  const options = warmOptions(args);
  if (!options) return false;
  const timings = new StageTimings();
  timings.record('node: start, load the warm path', 0);
  const why = (reason: string) => {
    if (options.timings) console.error(`dockwire: not from a running Dockwire: ${reason}; reading the engine afresh`);
    return false;
  };
  let engineUrl: string;
  try {
    if (helperPreference(env) === 'off') return why('DOCKWIRE_HELPER=off asks for no kernel view');
    engineUrl = engineEndpoint(env).url;
  } catch {
    return false;
  }
  const dir = privateSocketDir(env, uid);
  const untrusted = untrustedReason(dir, uid);
  if (untrusted) return why(untrusted.endsWith('does not exist') ? `no Dockwire is running for ${engineUrl}` : untrusted);
  const answer = await timings.time('ask the running Dockwire (its live model)', () => askWarm(warmSocketPath(dir, engineUrl), engineUrl));
  if (!answer.ok) return why(`the Dockwire for ${engineUrl}: ${answer.reason}`);
  let output: Buffer | string = answer.body;
  if (!options.json) {
    const topology = JSON.parse(answer.body.toString('utf8')) as Topology;
    output = timings.timeSync(`format as ${options.format}`, () => printable(TOPOLOGY_FORMATS[options.format]!(topology)));
  }
  if (options.timings) console.error(timings.report());
  process.stdout.write(output);
  process.stdout.write('\n');
  exitWhenFlushed(0);
  return true;
}
