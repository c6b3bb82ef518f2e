/**
 * Real registries on loopback for pull tests: Debian's `docker-registry`
 * (Docker's registry 2.8), optionally with basic auth (an htpasswd file made
 * with apache2-utils' `htpasswd -B`), and a throttling proxy in front of one,
 * so a pull takes long enough to watch and to cancel. Engines trust
 * 127.0.0.0/8 without TLS. Everything listens on 127.0.0.1 only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from './docker';

export interface Registry {
  host: string;
  stop(): Promise<void>;
}

async function answering(url: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const request = http.get(url, (response) => {
        response.resume();
        resolve(response.statusCode === 200 || response.statusCode === 401);
      });
      request.on('error', () => resolve(false));
      request.setTimeout(1000, () => request.destroy());
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing answers at ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startRegistry(port: number, auth?: { user: string; password: string }): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), 'dw-registry-'));
  const lines = [
    'version: 0.1',
    'log: { level: error }',
    `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }`,
    `http: { addr: 127.0.0.1:${port} }`,
  ];
  if (auth) {
    const entry = execFileSync('htpasswd', ['-Bbn', auth.user, auth.password], { encoding: 'utf8' });
    writeFileSync(join(dir, 'htpasswd'), entry);
    lines.push(`auth: { htpasswd: { realm: dockwire-test, path: ${join(dir, 'htpasswd')} } }`);
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  try {
    await answering(`http://127.0.0.1:${port}/v2/`);
  } catch (error) {
    child.kill();
    throw new Error(`${(error as Error).message}: docker-registry said ${stderr}`, { cause: error });
  }
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Pushes an image of its own to a registry as REPO:TAG (logging in first where it wants it), then removes it
 * locally: busybox plus `padBytes` of random data, so its layer is one the engine has never seen (a pull of the
 * test image itself would find every layer already there and show no progress at all).
 */
export function pushImage(
  registry: Registry,
  name: string,
  options: { padBytes?: number; auth?: { user: string; password: string } } = {},
): string {
  const ref = `${registry.host}/${name}`;
  const work = mkdtempSync(join(tmpdir(), 'dw-push-'));
  const env = { ...process.env, DOCKER_CONFIG: join(work, 'config') };
  try {
    const rootfs = join(work, 'rootfs');
    mkdirSync(join(rootfs, 'bin'), { recursive: true });
    copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
    chmodSync(join(rootfs, 'bin', 'busybox'), 0o755);
    for (const applet of ['sh', 'sleep']) symlinkSync('busybox', join(rootfs, 'bin', applet));
    writeFileSync(join(rootfs, 'pad'), randomBytes(options.padBytes ?? 512 * 1024));
    const tar = execFileSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('docker', ['import', '-c', 'CMD ["sleep", "86400"]', '-c', 'ENV PATH=/bin', '-', ref], {
      input: tar,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (options.auth)
      execFileSync('docker', ['login', '-u', options.auth.user, '--password-stdin', registry.host], {
        env,
        input: options.auth.password,
        stdio: 'pipe',
      });
    execFileSync('docker', ['push', ref], { env, stdio: 'pipe' });
    docker('rmi', ref);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return ref;
}

/**
 * A proxy on 127.0.0.1:port in front of a registry that sends blobs at `bytesPerSecond`, so a pull can be watched
 * and cancelled midway. Everything else passes through as is.
 */
export async function startSlowProxy(port: number, upstream: Registry, bytesPerSecond: number): Promise<Registry> {
  const [upstreamHost, upstreamPort] = upstream.host.split(':');
  const server = http.createServer((request, response) => {
    const forward = http.request(
      {
        host: upstreamHost,
        port: Number(upstreamPort),
        path: request.url,
        method: request.method,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!request.url?.includes('/blobs/')) return void answer.pipe(response);
        // Blobs trickle: a slice every 100 ms.
        const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
        answer.on('data', (chunk: Buffer) => {
          answer.pause();
          const send = (offset: number) => {
            if (response.destroyed) return answer.destroy();
            if (offset >= chunk.length) return void answer.resume();
            response.write(chunk.subarray(offset, offset + slice));
            setTimeout(() => send(offset + slice), 100);
          };
          send(0);
        });
        answer.on('end', () => response.end());
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
