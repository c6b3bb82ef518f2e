/**
 * What the environment asks of a backend: which engine (as the Docker CLI
 * chooses it) and how to run the kernel view. Read once, at creation.
 */
import { readFileSync } from 'node:fs';
import { DockwireError } from '../common/errors.js';
import { EndpointError, resolveEndpoint, type EngineEndpoint } from './engine/endpoint.js';
import type { HelperPreference } from './helper/kernelView.js';

/** DOCKWIRE_HELPER=container (default) | local | off. */
export function helperPreference(env: Record<string, string | undefined>): HelperPreference {
  const value = env.DOCKWIRE_HELPER ?? 'container';
  if (value === 'container' || value === 'local' || value === 'off') return value;
  throw new DockwireError('bad-request', `DOCKWIRE_HELPER must be container, local or off, not "${value}"`);
}

/** How long a kept helper waits for the next command unless DOCKWIRE_HELPER_KEEP says otherwise, and at most. */
export const DEFAULT_KEEP_SECONDS = 300;
export const MAX_KEEP_SECONDS = 86_400;

/** DOCKWIRE_HELPER_KEEP: how long one-shot commands' kept helper waits for the next, in seconds (0: none kept). */
export function helperKeepSeconds(env: Record<string, string | undefined>): number {
  const value = env.DOCKWIRE_HELPER_KEEP ?? String(DEFAULT_KEEP_SECONDS);
  const seconds = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (seconds <= MAX_KEEP_SECONDS) return seconds;
  throw new DockwireError('bad-request', `DOCKWIRE_HELPER_KEEP must be whole seconds from 0 to ${MAX_KEEP_SECONDS}, not "${value}"`);
}

export function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Resolves the endpoint as the Docker CLI would, or explains why it cannot. */
export function engineEndpoint(env: Record<string, string | undefined>): EngineEndpoint {
  try {
    return resolveEndpoint({ env, readFile: readFileOrNull });
  } catch (error) {
    if (error instanceof EndpointError) throw new DockwireError('engine-unreachable', error.message);
    throw error;
  }
}

/** One engine of several, as named on a command line: a Docker context, or an address (--host). */
export type EngineChoice = { by: 'context'; name: string } | { by: 'host'; url: string };

/** The name a host goes by among several: its context's, or its address. */
export const choiceName = (choice: EngineChoice) => (choice.by === 'context' ? choice.name : choice.url);

/** The environment that makes the Docker CLI's own rules (./engine/endpoint.ts) pick exactly this engine. */
export function envFor(choice: EngineChoice, env: Record<string, string | undefined>): Record<string, string | undefined> {
  const { DOCKER_HOST: _host, DOCKER_CONTEXT: _context, ...rest } = env;
  return choice.by === 'context' ? { ...rest, DOCKER_CONTEXT: choice.name } : { ...rest, DOCKER_HOST: choice.url };
}

/** The engines named by --context and --host, in the order they were given on the command line. */
export function engineChoices(args: string[]): EngineChoice[] {
  const choices: EngineChoice[] = [];
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = args[index]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== '--context' && flag !== '--host') continue;
    const value = inline ?? args[index + 1];
    if (inline === undefined) index++;
    if (value === undefined) continue; // parseArgs has already refused a flag without its value
    choices.push(flag === '--context' ? { by: 'context', name: value } : { by: 'host', url: value });
  }
  return choices;
}
