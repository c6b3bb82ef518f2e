/**
 * `dockwire capture <container> [--iface NAME] [--count N] [--seconds S] [--filter EXPR] [-w FILE|-]`:
 * packets on one interface of a container, captured by the helper inside its
 * namespace; with --underlay, the VXLAN carrying its overlay traffic on its
 * swarm node's underlay (each line opened to the frame it carries). With -w, a pcap file (or stdout with -w -, for `| tcpdump -nr -`
 * or `| wireshark -k -i -`); without, one line per packet. It stops at the
 * count, the time or Ctrl-C, leaves a valid file, and says on stderr how many
 * packets it captured (and dropped: a reader slower than the traffic loses
 * packets, never memory).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { summarizePacket } from '../../common/packetSummary.js';
import { fromBase64, pcapHeader, pcapRecord } from '../../common/pcap.js';
import type { CaptureEnd, CapturePackets } from '../../common/traffic.js';
import { parseCommand } from './args.js';
import { cliBackend } from './cliBackend.js';
import { UsageError } from './outcome.js';
import { printable } from '../../common/printable.js';

/** Past this much unwritten output the reader is too slow: packets are dropped until it catches up. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new UsageError(`${flag} takes a whole number, not "${text}"`);
  return value;
}

export async function captureCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      iface: { type: 'string' },
      count: { type: 'string' },
      seconds: { type: 'string' },
      filter: { type: 'string' },
      underlay: { type: 'boolean' },
      write: { type: 'string', short: 'w' },
    },
    ['<container>'],
  );
  const count = wholeNumber('--count', values.count as string | undefined);
  const seconds = wholeNumber('--seconds', values.seconds as string | undefined);
  if (seconds !== undefined && seconds > 24 * 3600) throw new UsageError('--seconds is at most 86400 (a day)');
  const target = values.write as string | undefined;
  const pcap = target !== undefined;
  // Opened once the capture has started: a refused capture leaves no file behind.
  let output: (NodeJS.WritableStream & { writableLength: number }) | null = null;
  const early: Array<Uint8Array | string> = [];

  const backend = cliBackend({ kernelView: true });
  const captureId = 1 + Math.floor(Math.random() * 2 ** 30);
  let dropped = 0;
  let readerGone = false;
  const open = (stream: NodeJS.WritableStream & { writableLength: number }) => {
    stream.on('error', () => {
      readerGone = true; // a closed pipe (| head): stop, as tcpdump does
      void backend.handlers.stopCapture({ captureId }).catch(() => {});
    });
    return stream;
  };
  let captured = 0;
  /** Writes one packet's bytes (or holds them until the output is open); a packet that cannot be kept is counted as dropped. */
  const write = (bytes: Uint8Array | string) => {
    if (readerGone) return;
    if (!output) {
      if (early.length < 1024) early.push(bytes);
      else dropped++;
      return;
    }
    if (output.writableLength > MAX_PENDING_BYTES) {
      dropped++;
      return;
    }
    output.write(bytes);
    captured++;
  };
  const ended = new Promise<CaptureEnd>((resolve) => {
    const offEnd = backend.on('captureEnd', (end) => {
      if (end.captureId !== captureId) return;
      offEnd();
      resolve(end);
    });
  });
  const offPackets = backend.on('capturePackets', (batch: CapturePackets) => {
    if (batch.captureId !== captureId) return;
    for (const packet of batch.packets) {
      const data = fromBase64(packet.data);
      if (pcap) write(pcapRecord(packet.timeUs, packet.length, data));
      // A summary holds what the packet said (DNS names, HTTP lines): shown, never obeyed by the terminal.
      else write(`${printable(packetLine(packet.timeUs, summarizePacket(data, packet.length)))}\n`);
    }
  });
  let interrupted = 0;
  const onInterrupt = () => {
    if (++interrupted > 1) process.exit(1); // a second Ctrl-C: leave at once
    void backend.handlers.stopCapture({ captureId }).catch(() => {});
  };
  process.on('SIGINT', onInterrupt);
  try {
    const started = await backend.handlers.startCapture({
      captureId,
      container: positionals[0]!,
      ...(values.iface !== undefined ? { iface: values.iface as string } : {}),
      ...(values.filter !== undefined ? { filter: values.filter as string } : {}),
      ...(values.underlay ? { underlay: true } : {}),
      ...(count ? { count } : {}),
      ...(seconds ? { seconds } : {}),
    });
    const stream = open(target === undefined || target === '-' ? process.stdout : (createWriteStream(target) as WriteStream));
    if (pcap) stream.write(pcapHeader(started.snaplen));
    output = stream;
    early.splice(0).forEach(write);
    process.stderr.write(
      printable(
        `capturing on ${started.containerName} ${started.ifname}${values.filter ? ` (${values.filter as string})` : started.underlayOf ? ' (VXLAN, the underlay)' : ''}; Ctrl-C stops\n`,
      ),
    );
    const end = await ended;
    if (stream !== process.stdout) await new Promise((resolve) => (stream as WriteStream).end(resolve));
    else await new Promise((resolve) => (stream.writableLength === 0 || readerGone ? resolve(null) : stream.once('drain', resolve)));
    const lost = dropped + end.dropped;
    process.stderr.write(
      `${captured} packet${captured === 1 ? '' : 's'} captured${lost ? `, ${lost} dropped (the reader was slower than the traffic)` : ''}\n`,
    );
    if (end.reason === 'gone') process.stderr.write(`the interface went away (the container stopped?): the capture ended there\n`);
    if (end.reason === 'error') throw new Error(`the capture failed: ${end.error ?? 'unknown error'}`); // printed by printFailure
    return 0;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    offPackets();
    if (output && output !== process.stdout && !(output as WriteStream).closed) (output as WriteStream).end();
    await backend.stop();
  }
}

function packetLine(timeUs: number, summary: ReturnType<typeof summarizePacket>): string {
  const time = new Date(Math.floor(timeUs / 1000)).toISOString().slice(11, 23) + String(timeUs % 1000).padStart(3, '0');
  return `${time} ${summary.source} → ${summary.destination} ${summary.protocol} ${summary.info} (${summary.length} bytes)`;
}
