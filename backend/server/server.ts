/**
 * Browser mode: the renderer's files over HTTP and the contract over one
 * WebSocket, on 127.0.0.1 only. Every request is checked by ./security.ts.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventNames } from '../../common/contract.js';
import { dispatch } from '../../common/dispatch.js';
import type { Backend } from '../backend.js';
import { CONTENT_SECURITY_POLICY, hostAllowed, newToken, originAllowed, tokenMatches } from './security.js';

export interface ServerOptions {
  backend: Backend;
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

const MAX_MESSAGE_BYTES = 64 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;

  const http = createServer((request, response) => {
    if (!hostAllowed(request.headers.host, port)) return refuse(response, 421, 'misdirected request');
    void serveStatic(options.staticDir, request, response);
  });

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const ok =
      url.pathname === '/ws' &&
      hostAllowed(request.headers.host, port) &&
      originAllowed(request.headers.origin, port) &&
      tokenMatches(token, url.searchParams.get('token'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
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

/** One browser tab: requests in, replies and pushed events out. */
function serveClient(ws: WebSocket, backend: Backend): void {
  const unsubscribes = eventNames.map((event) =>
    backend.on(event, (data) => ws.readyState === ws.OPEN && ws.send(JSON.stringify({ event, data }))),
  );
  ws.on('close', () => unsubscribes.forEach((unsubscribe) => unsubscribe()));
  ws.on('message', async (raw) => {
    let message: { id?: unknown; method?: unknown; params?: unknown };
    try {
      message = JSON.parse(raw.toString()) as typeof message;
    } catch {
      ws.send(JSON.stringify({ id: null, reply: { ok: false, error: { code: 'bad-request', message: 'not JSON' } } }));
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.id !== 'number') {
      ws.send(JSON.stringify({ id: null, reply: { ok: false, error: { code: 'bad-request', message: 'a request needs a numeric id' } } }));
      return;
    }
    const reply = await dispatch(backend.handlers, message.method, message.params);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, reply }));
  });
}

async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method not allowed');
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) return refuse(response, 404, 'not found');
  try {
    const info = await stat(file);
    if (!info.isFile()) return refuse(response, 404, 'not found');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  } catch {
    refuse(response, 404, 'not found');
  }
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}
