/**
 * Docker over ssh on as few ssh connections as will do. docker-modem's own ssh support opens a new ssh
 * connection (TCP, key exchange, login) for every HTTP request: 1-2.5 s each on the test machine, so a
 * Topology of one container took ~10 s and a host's inspects took minutes. Here an HTTP connection is a
 * channel on a shared ssh connection, running `docker system dial-stdio` as the Docker CLI does, and HTTP
 * keep-alive reuses those channels from one request to the next: one login serves a whole read.
 *
 * An http.Agent treats what createConnection gives it as a net.Socket while the socket waits between requests
 * (keep-alive, ref and unref, a timeout): a channel gets those as small methods of its own (withSocketMethods).
 */
import Docker from 'dockerode';
import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import { inspect } from 'node:util';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';

/** sshd allows 10 sessions per connection by default (MaxSessions); past 8 open channels another connection opens. */
export const CHANNELS_PER_CONNECTION = 8;
/**
 * A channel left unused this long is closed, and a connection with its last channel. Each new channel starts a
 * shell on the remote host (bash reads root's .bashrc there: ~1-2 s on the test machine), so a backend that
 * follows the engine keeps its channels between live changes.
 */
export const IDLE_MS = 30_000;

type Opened = (error: Error | null, channel: Duplex) => void;

/** ssh2 is loaded on first use: only ssh:// engines need it, and the CLI starts faster without it. */
async function newClient(): Promise<Client> {
  const ssh2 = (await import('ssh2')) as unknown as { Client?: typeof Client; default?: { Client: typeof Client } };
  const ClientClass = ssh2.Client ?? ssh2.default!.Client;
  return new ClientClass();
}

/** One ssh connection and the channels open on it. */
class SshConnection {
  channels = 0;
  private readonly openChannels = new Set<ClientChannel>();
  /** False once it failed, closed or is closing: no new channel goes on it. */
  usable = true;
  private readonly ready: Promise<Client>;

  constructor(
    config: ConnectConfig,
    private readonly idleMs: number,
    onGone: (connection: SshConnection) => void,
  ) {
    this.ready = newClient().then(
      (client) =>
        new Promise<Client>((resolve, reject) => {
          client.once('ready', () => {
            // Each request is a small write; under Nagle it waited for the ACK of the window adjust sent before
            // it, which the server delays: ~40 ms a request, one at a time (46 ms against 6 ms measured).
            client.setNoDelay(true);
            resolve(client);
          });
          // Before 'ready' an error is the login's (refused key, no route); after it, a dropped connection,
          // whose channels gone() closes.
          client.on('error', (error) => {
            this.gone(onGone);
            reject(error);
          });
          client.on('close', () => this.gone(onGone));
          client.connect(config);
        }),
    );
    this.ready.catch(() => this.gone(onGone)); // and each open() reports the error
  }

  /** A channel running `docker system dial-stdio`: one HTTP connection to the engine. */
  open(callback: Opened): void {
    this.channels++;
    const failed = (error: Error) => {
      this.closed();
      callback(error, undefined as never);
    };
    this.ready.then((client) => {
      try {
        client.exec('docker system dial-stdio', (error, channel) => {
          if (error) return failed(error);
          this.openChannels.add(channel);
          channel.once('close', () => {
            this.openChannels.delete(channel);
            this.closed();
          });
          callback(null, withSocketMethods(channel, this.idleMs));
        });
      } catch (error) {
        failed(error as Error); // ssh2 throws when the connection closed meanwhile
      }
    }, failed);
  }

  private closed(): void {
    this.channels--;
    if (this.channels === 0 && this.usable) {
      this.usable = false;
      void this.ready.then(
        (client) => client.end(),
        () => {},
      );
    }
  }

  private gone(onGone: (connection: SshConnection) => void): void {
    this.usable = false;
    onGone(this);
    // ssh2 does not close a channel whose connection dropped: the agent would hand the dead channel to the next
    // call, which would then wait for an answer that cannot come. Closing it takes it out of the agent's pool.
    for (const channel of this.openChannels) channel.destroy();
  }
}

/** The net.Socket methods an http.Agent calls on a kept-alive connection, for a channel that has none. */
function withSocketMethods(channel: ClientChannel, idleMs: number): ClientChannel {
  let idle: NodeJS.Timeout | null = null;
  const stopIdle = () => {
    if (idle) clearTimeout(idle);
    idle = null;
  };
  const socketLike = channel as ClientChannel & Record<string, unknown>;
  // The agent unrefs a connection that goes back to its pool and refs it when it is reused: a channel in the
  // pool is closed once it has waited there IDLE_MS.
  socketLike.unref = () => {
    stopIdle();
    idle = setTimeout(() => channel.destroy(), idleMs);
    idle.unref();
    return channel;
  };
  socketLike.ref = () => {
    stopIdle();
    return channel;
  };
  socketLike.setKeepAlive = () => channel;
  socketLike.setNoDelay = () => channel;
  // The agent sets its own timeout (none) on a pooled connection; callers' deadlines are ./callDeadlines.ts's.
  socketLike.setTimeout = (ms: number) => {
    socketLike.timeout = ms;
    return channel;
  };
  channel.once('close', stopIdle);
  return channel;
}

/** The HTTP agent for one ssh:// engine: every request on a channel of a shared connection. */
export class SshDialAgent extends Agent {
  private readonly connections = new Set<SshConnection>();

  constructor(
    private readonly config: ConnectConfig,
    private readonly idleMs = IDLE_MS,
  ) {
    // At most 8 channels wait in the pool between calls. (An http.Agent does not count connections still being
    // made against maxSockets, so a burst of calls is held back by dockerOverSsh, not here.)
    super({ keepAlive: true, maxSockets: CHANNELS_PER_CONNECTION });
  }

  override createConnection(_options: ClientRequestArgs, callback?: Opened): undefined {
    if (!callback) throw new Error('SshDialAgent opens connections only asynchronously');
    let connection = [...this.connections].find((c) => c.usable && c.channels < CHANNELS_PER_CONNECTION);
    if (!connection) {
      connection = new SshConnection(this.config, this.idleMs, (gone) => this.connections.delete(gone));
      this.connections.add(connection);
    }
    connection.open(callback);
    return undefined;
  }

  /**
   * docker-modem formats every request's options, this agent among them, for its debug log whether that log is
   * on or not (util.inspect, all depths, hidden properties too): through the pooled channels and their ssh
   * connections that cost ~100 ms of CPU per request with 8 channels open. It is named instead.
   */
  [inspect.custom](): string {
    return `SshDialAgent(${this.config.username ?? ''}@${this.config.host}:${this.config.port})`;
  }

  /** ssh connections open now (for tests). */
  get connectionCount(): number {
    return this.connections.size;
  }
}

/**
 * Calls waiting for their answer at once. Past this a call waits for one to finish and takes its channel from
 * the pool: reusing a channel takes milliseconds, a new one starts a shell on the remote host. A stream (events,
 * an exec's output) counts until its answer begins, then holds its channel outside this count.
 */
export const CALLS_AT_ONCE = 6;

type Dial = (options: unknown, callback: (error: unknown, data: unknown) => void) => void;

/** A dockerode client for an engine over ssh: plain HTTP on the channels of an SshDialAgent, CALLS_AT_ONCE at a time. */
export function dockerOverSsh(config: ConnectConfig, idleMs = IDLE_MS): Docker {
  const agent = new SshDialAgent(config, idleMs);
  const docker = new Docker({ protocol: 'http', host: config.host, port: config.port, agent } as Docker.DockerOptions);
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    while (running < CALLS_AT_ONCE && waiting.length > 0) {
      running++;
      waiting.shift()!();
    }
  };
  modem.dial = (options, callback) => {
    waiting.push(() =>
      dial(options, (error, data) => {
        running--;
        // The answer has ended, but its channel goes back to the pool only in a later tick: the next call, made
        // now, would open a new one.
        setImmediate(next);
        callback(error, data);
      }),
    );
    next();
  };
  return docker;
}

/** The agent under a client made by dockerOverSsh. */
export const sshAgentOf = (docker: Docker) => (docker.modem as unknown as { agent: SshDialAgent }).agent;
