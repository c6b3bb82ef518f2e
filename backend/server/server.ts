/**
 * Browser mode: the renderer's files over HTTP and the contract over one
 * WebSocket per tab, on 127.0.0.1 only. Every request is checked by
 * ./security.ts and must carry this launch's token: the URL printed at start
 * has it as ?token=, which the first load exchanges for an HttpOnly cookie and
 * drops from the address bar (so it stays out of the browser's history); a
 * request with neither gets a short 401. Nothing a client sends can take the
 * server down: every socket has an error handler, malformed requests get a
 * 4xx, sockets (in all and per address), WebSockets and calls in flight are
 * capped, and a response still being sent after RESPONSE_DEADLINE_MS is cut.
 */
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../backend.js';
import { ClientSession } from './clientSession.js';
import { hostAllowed, newToken, originAllowed, tokenCookie, tokenFromCookies, tokenMatches } from './security.js';
import { SocketCap } from './socketCap.js';
import { refuse, serveStatic } from './staticFiles.js';

export interface ServerOptions {
  backend: Pick<Backend, 'handlers' | 'on'>;
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Open WebSockets (tabs); one more is refused with 503. */
export const MAX_WEBSOCKETS = 32;
/** Open HTTP sockets; past this the longest idle one is closed (else the longest busy one). */
export const MAX_HTTP_SOCKETS = 128;
/** Open HTTP sockets from one client address. */
export const MAX_HTTP_SOCKETS_PER_ADDRESS = 64;
/** A response (the largest asset is a few MB, on loopback) still being sent after this is cut: a reader that slow holds a socket for nothing. */
export const RESPONSE_DEADLINE_MS = 30_000;
/** A frame larger than this closes its WebSocket; below it, an oversized request gets an error reply. */
const HARD_FRAME_LIMIT = 2 * 1024 * 1024;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });
  const cap = new SocketCap(MAX_HTTP_SOCKETS, MAX_HTTP_SOCKETS_PER_ADDRESS);
  let port = 0;

  const http = createServer((request, response) => {
    cap.markBusy(request.socket);
    const deadline = setTimeout(() => request.socket.destroy(), RESPONSE_DEADLINE_MS);
    response.once('close', () => {
      clearTimeout(deadline);
      cap.markIdle(request.socket);
    });
    if (!hostAllowed(request.headers.host, port)) return refuse(response, 421, 'misdirected request');
    const url = URL.canParse(request.url ?? '/', 'http://127.0.0.1') ? new URL(request.url ?? '/', 'http://127.0.0.1') : null;
    if (!url) return refuse(response, 400, 'malformed request path');
    const given = url.searchParams.get('token');
    if (given !== null && tokenMatches(token, given)) {
      // The token in the address bar becomes a cookie, and the address bar loses it.
      url.searchParams.delete('token');
      response.writeHead(303, { Location: url.pathname + url.search, 'Set-Cookie': tokenCookie(port, token), 'Cache-Control': 'no-store' });
      return void response.end();
    }
    if (!tokenMatches(token, tokenFromCookies(request.headers.cookie, port))) {
      return refuse(
        response,
        401,
        'Dockwire browser mode: open the address that "dockwire serve" printed (it carries this launch\'s token).',
      );
    }
    serveStatic(options.staticDir, request, response).catch(() => refuse(response, 500, 'internal error'));
  });
  // Idle or trickling clients must not hold sockets for long.
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  http.keepAliveTimeout = 5_000;
  // No byte either way for this long: the socket is gone.
  http.timeout = 15_000;
  http.on('connection', (socket) => {
    socket.on('error', () => socket.destroy());
    cap.add(socket);
  });
  http.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });

  http.on('upgrade', (request, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    cap.forget(request.socket);
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = URL.canParse(request.url ?? '/', 'http://127.0.0.1') ? new URL(request.url ?? '/', 'http://127.0.0.1') : null;
    if (!url) return reject('400 Bad Request');
    const allowed =
      url.pathname === '/ws' &&
      hostAllowed(request.headers.host, port) &&
      originAllowed(request.headers.origin, port) &&
      // The page's cookie; or ?token= from a client that is not a browser (a script, a test).
      (tokenMatches(token, tokenFromCookies(request.headers.cookie, port)) || tokenMatches(token, url.searchParams.get('token')));
    if (!allowed) return reject('403 Forbidden');
    if (sockets.clients.size >= MAX_WEBSOCKETS) return reject('503 Service Unavailable');
    sockets.handleUpgrade(request, socket, head, (ws) => serveClient(ws, options.backend));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (http.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}

function serveClient(ws: WebSocket, backend: ServerOptions['backend']): void {
  const session = new ClientSession(ws, backend);
  ws.on('error', (error: Error & { code?: string }) => {
    // ws reports a frame over maxPayload as an error, then closes the socket.
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') session.tooLarge();
  });
  ws.on('close', () => session.close());
  ws.on('message', (raw) => void session.receive(raw as Buffer));
}
