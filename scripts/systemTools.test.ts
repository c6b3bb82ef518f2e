/**
 * The list of system programs (scripts/system-tools.list) cannot drift from the code: every
 * program that a test, a test helper or a script spawns by name must be on it, or a fresh machine
 * (where install-deps.sh installs only what the list names) fails with ENOENT.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const SCANNED = ['tests', 'e2e', 'scripts', 'common', 'backend', 'electron', 'bin'];
const SPAWNERS = ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync'];

/** The commands of the list, each with its package. */
export function listedTools(text: string): Map<string, string> {
  const tools = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [command, pkg] = line.trim().split(/\s+/);
    if (command && !command.startsWith('#') && pkg) tools.set(command, pkg);
  }
  return tools;
}

interface Spawned {
  file: string;
  line: number;
  /** The command's name, or null when the code names it with an expression the scan cannot read. */
  command: string | null;
  source: string;
}

/**
 * Where code starts a program: direct child_process calls, aliases (`const run = promisify(execFile)`),
 * and wrappers that pass on their first argument (`const sh = (...args) => execFileSync(args[0]!, …)`),
 * whose callers then name the command. process.execPath (Node itself) and a line marked
 * `// spawns: <why>` (a program that is not a system tool, such as Electron's own binary) are left out.
 */
export function spawnedCommands(file: string, text: string): Spawned[] {
  const lines = text.split('\n');
  const callers = new Set(SPAWNERS.filter((name) => new RegExp(`\\b${name}\\b`).test(text) && /child_process/.test(text)));
  if (callers.size === 0) return [];
  for (const match of text.matchAll(/const (\w+) = promisify\((\w+)\)/g)) if (callers.has(match[2]!)) callers.add(match[1]!);
  const wrappers = new Set<string>();
  const found: Spawned[] = [];
  const callPattern = () => new RegExp(`(?<![.\\w])(${[...callers, ...wrappers].join('|')})\\(\\s*([^,)]*)`, 'g');
  // Two passes: the first finds wrappers, the second reads their callers too.
  for (const pass of [1, 2]) {
    found.length = 0;
    lines.forEach((source, index) => {
      if (/^\s*(\/\/|\*|import )/.test(source) || /\/\/ spawns: /.test(source)) return;
      for (const match of source.matchAll(callPattern())) {
        const argument = match[2]!.trim();
        const literal = /^['"`]([^'"`$]+)['"`]$/.exec(argument)?.[1];
        if (argument === 'process.execPath' || argument === '') continue;
        if (!literal && /^args\[0\]!?$/.test(argument)) {
          const wrapper = /const (\w+) = /.exec(source)?.[1];
          if (wrapper) wrappers.add(wrapper);
          continue;
        }
        found.push({ file, line: index + 1, command: literal ? literal.split('/').pop()! : null, source: source.trim() });
      }
    });
    if (pass === 1 && wrappers.size === 0) break;
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'artifacts' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|cjs|js)$/.test(entry.name) ? [path] : [];
  });
}

describe('the system tools list', () => {
  const tools = listedTools(readFileSync(join(ROOT, 'scripts/system-tools.list'), 'utf8'));

  it('names every program the code spawns, with its Debian package', () => {
    const unlisted: string[] = [];
    for (const dir of SCANNED)
      for (const path of sourceFiles(join(ROOT, dir))) {
        if (path.endsWith('systemTools.test.ts')) continue;
        for (const spawned of spawnedCommands(relative(ROOT, path), readFileSync(path, 'utf8')))
          if (spawned.command === null)
            unlisted.push(`${spawned.file}:${spawned.line} names its program by an expression: ${spawned.source}`);
          else if (!tools.has(spawned.command))
            unlisted.push(`${spawned.file}:${spawned.line} spawns ${spawned.command}, which scripts/system-tools.list does not name`);
      }
    expect(unlisted).toEqual([]);
  });

  it('finds direct calls, promisified aliases and wrappers, and leaves Node itself and marked lines out', () => {
    const text = [
      "import { execFile, execFileSync, spawn } from 'node:child_process';",
      'const run = promisify(execFile);',
      "const sh = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { encoding: 'utf8' });",
      "execFileSync('ip', ['-j', 'link']);",
      "await run('docker', ['ps']);",
      "sh('nsenter', '-t', pid);",
      "spawn('/usr/sbin/sshd', ['-D']);",
      'spawn(process.execPath, [cli]);',
      'spawn(binary, []); // spawns: our own helper binary',
      'spawn(someCommand, []);',
    ].join('\n');
    expect(spawnedCommands('x.ts', text).map((s) => s.command)).toEqual(['ip', 'docker', 'nsenter', 'sshd', null]);
  });

  it('reads the list: comments and blank lines are not tools', () => {
    expect([...listedTools('# a comment\n\ndot  graphviz  path  why\n').entries()]).toEqual([['dot', 'graphviz']]);
  });
});
