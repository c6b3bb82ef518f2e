/** Reading a command line strictly: unknown flags and wrong counts are usage errors (exit 2), never guessed. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './outcome.js';

export type Values = Record<string, string | string[] | boolean | undefined>;

export function parseCommand(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: string[]) {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { json: { type: 'boolean' }, ...options }, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length !== positionals.length) throw new UsageError(`expected ${positionals.join(' ')}`);
  return { values: parsed.values, positionals: parsed.positionals };
}

/** KEY=VALUE, as docker's --label, -o and --aux-address take it. */
export function keyValue(flag: string, entry: string, valueRequired: boolean): [string, string] {
  const at = entry.indexOf('=');
  const [key, value] = at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
  if (!key || (valueRequired && (at < 0 || !value))) throw new UsageError(`${flag} takes KEY=VALUE, not "${entry}"`);
  return [key, value];
}
