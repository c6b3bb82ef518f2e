/**
 * The renderer's built files over HTTP: GET and HEAD only, inside one folder,
 * with the security headers. A URL that cannot be decoded is a 400, never a throw.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The file a request path names under root, or null when it is malformed or outside root. */
export function fileFor(root: string, requestUrl: string | undefined): string | null | 'malformed' {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return 'malformed';
  }
  if (pathname.includes('\0')) return 'malformed';
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  return file.startsWith(normalize(root) + sep) ? file : null;
}

export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'method not allowed');
  const file = fileFor(root, request.url);
  if (file === 'malformed') return refuse(response, 400, 'malformed request path');
  if (file === null) return refuse(response, 404, 'not found');
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
    const body = createReadStream(file);
    body.on('error', () => response.destroy());
    body.pipe(response);
  } catch {
    refuse(response, 404, 'not found');
  }
}

export function refuse(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  response.end(text);
}
