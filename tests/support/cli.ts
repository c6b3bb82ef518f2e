/** The dockwire CLI as a script runs it: a process, its exit code, and its stdout read as the one JSON document --json promises. */
import { spawn } from 'node:child_process';

const CLI = new URL('../../bin/dockwire.js', import.meta.url).pathname;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: {
    ok: boolean;
    result?: Record<string, unknown>;
    error?: { code: string; message: string; details?: Record<string, unknown> };
    schemaVersion?: number;
  };
}

export function dockwire(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      let json: Run['json'];
      try {
        json = JSON.parse(stdout);
      } catch {
        json = { ok: false, error: { code: 'not-json', message: stdout } };
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}
