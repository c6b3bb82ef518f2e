/**
 * Which engines a window follows, and which it could: the Docker contexts of the user's Docker config. Shared
 * by the backend (./contract.ts listEngines, addEngine, removeEngine) and the Engines dialog.
 */

export interface FollowedEngine {
  /** Its name among the engines: a context's name, or the address given. */
  name: string;
  by: 'context' | 'host';
  endpoint: string;
}

export interface DockerContextInfo {
  name: string;
  /** Its Docker endpoint, as the context has it (unix://, tcp://, ssh://). */
  endpoint: string;
  description: string;
}

export interface EngineList {
  followed: FollowedEngine[];
  /** Every Docker context in the user's Docker config (with "default"), followed or not. */
  contexts: DockerContextInfo[];
  /** Whether engines can be added and removed here (not in a snapshot, nor the CLI). */
  canChange: boolean;
  /** Where the choice is remembered for the next start, when it is. */
  rememberedIn: string | null;
  /** A Docker config that could not be read whole, in words; null when it was. */
  problem: string | null;
}

/** How addEngine names an engine: exactly one of a context's name and an address. */
export interface AddEngineParams {
  context?: string;
  host?: string;
}
