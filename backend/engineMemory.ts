/**
 * The engines a user chose in the window, remembered for the next start that names none: one small JSON
 * file in the user's config directory ($XDG_CONFIG_HOME/dockwire/engines.json, else ~/.config/…), readable
 * by the user alone. A file that is not one (garbled, too large, of another shape) is set aside, never fatal.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { EngineChoice } from './config.js';

const MAX_FILE_BYTES = 64 * 1024;
const MAX_ENGINES = 64;

export function enginesFile(env: Record<string, string | undefined>, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'dockwire', 'engines.json');
}

/** The engines remembered, or null when none are (no file) or the file cannot be used (the reason goes to warn). */
export function readRememberedEngines(file: string, warn: (line: string) => void = () => {}): EngineChoice[] | null {
  let text: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      warn(`${file} is larger than ${MAX_FILE_BYTES} bytes: not read; the engines are chosen afresh`);
      return null;
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const engines = (JSON.parse(text) as { engines?: unknown }).engines;
    if (!Array.isArray(engines) || engines.length === 0 || engines.length > MAX_ENGINES) throw new Error('no list of engines');
    return engines.map((entry: unknown) => {
      const { context, host } = (entry ?? {}) as { context?: unknown; host?: unknown };
      if (typeof context === 'string' && context && context.length <= 512) return { by: 'context', name: context } as const;
      if (typeof host === 'string' && host && host.length <= 512) return { by: 'host', url: host } as const;
      throw new Error('an engine that is neither a context nor a host');
    });
  } catch (error) {
    warn(`${file} is not a list of engines (${(error as Error).message}): not used; the engines are chosen afresh`);
    return null;
  }
}

/** Writes the list whole or not at all (a temporary file renamed over the old one), readable by the user alone. */
export function rememberEngines(file: string, choices: EngineChoice[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const engines = choices.map((choice) => (choice.by === 'context' ? { context: choice.name } : { host: choice.url }));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ engines }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
