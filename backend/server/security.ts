/**
 * Browser mode's guards, pure so they are unit-tested: the server answers only
 * on loopback, only to requests addressed to itself (against DNS rebinding),
 * and opens a WebSocket only for the page it served, carrying this launch's token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The Content-Security-Policy of every page Dockwire serves (Electron uses the same). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // React Flow positions nodes with style attributes; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host header must name this server on loopback: a rebinding page names another host. */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/**
 * The cookie that carries the token after the first load, named by port (cookies are per host, not per port:
 * two servers on 127.0.0.1 must not overwrite each other's). HttpOnly: no script reads it; SameSite=Strict:
 * no other site's page sends it.
 */
export const tokenCookieName = (port: number) => `dockwire-${port}`;

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The token a request's Cookie header carries for this server, or null. */
export function tokenFromCookies(cookieHeader: string | undefined, port: number): string | null {
  const name = tokenCookieName(port);
  for (const part of (cookieHeader ?? '').slice(0, 8192).split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** Only the page this server served may open the WebSocket. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
