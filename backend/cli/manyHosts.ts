/**
 * `dockwire topology --context A --context B` (or --host URL): several engines read at once, each on its
 * own one-shot backend with its own kernel helper. One engine that cannot be reached (a context that does
 * not exist, an engine that is down or does not answer) is reported in its place; the others are read
 * all the same.
 */
import { hostsDocument, type HostReading, type HostsDocument } from '../../common/hosts.js';
import { toErrorData } from '../../common/errors.js';
import { choiceName, engineEndpoint, envFor, type EngineChoice } from '../config.js';
import { cliBackend } from './cliBackend.js';

async function readOne(choice: EngineChoice, env: NodeJS.ProcessEnv): Promise<HostReading> {
  const chosenEnv = envFor(choice, env);
  const name = choiceName(choice);
  const source = choice.by === 'context' ? `context "${choice.name}"` : '--host';
  let endpoint: string | null = null;
  try {
    endpoint = engineEndpoint(chosenEnv).url;
    const backend = cliBackend({ kernelView: true, env: chosenEnv });
    try {
      const topology = await backend.handlers.getTopology({});
      return { name, source, endpoint, state: 'live', error: null, topology };
    } finally {
      await backend.stop();
    }
  } catch (error) {
    return { name, source, endpoint, state: 'unreachable', error: toErrorData(error), topology: null };
  }
}

/** Every engine named, read at once, in the order named. */
export async function readHosts(choices: EngineChoice[], env: NodeJS.ProcessEnv = process.env): Promise<HostsDocument> {
  return hostsDocument(await Promise.all(choices.map((choice) => readOne(choice, env))));
}
