/** Names Docker accepts, and the sentence that says so. */

/** Docker's own rule for container names (and the one Dockwire applies to network names and aliases). */
export const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
export const NAME_RULE = 'letters, digits, "_", "." and "-", starting with a letter or digit';

/** Linux interface names: at most 15 characters, none of "/", whitespace or ":". */
export const INTERFACE_NAME = /^[a-zA-Z0-9_.-]{1,15}$/;

export function nameProblem(kind: string, name: string): string | null {
  if (!name) return `A ${kind} name is required.`;
  if (name.length > 128) return `A ${kind} name may be at most 128 characters.`;
  if (!DOCKER_NAME.test(name)) return `"${name}" is not a valid ${kind} name: use ${NAME_RULE}.`;
  return null;
}
