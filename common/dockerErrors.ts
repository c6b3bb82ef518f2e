/**
 * Docker's refusals, explained: the engine's own message is always shown
 * verbatim; this adds what it means and what to do.
 */
const EXPLANATIONS: Array<[RegExp, string]> = [
  [
    /Pool overlaps with other one on this address space/i,
    'The subnet overlaps one Docker already uses (perhaps a network made outside Dockwire, or the host’s own routes): pick another range.',
  ],
  [/network with name .* already exists/i, 'That network name is taken: names are unique per engine.'],
  [
    /sharing network namespace with another container or host cannot be connected/i,
    'This container uses another container’s network namespace, or the host’s: it has no interfaces of its own to connect. Run it with a network of its own instead.',
  ],
  [
    /connected to multiple networks with one of the networks in private \(none\) mode/i,
    'This container was started with --network none: Docker keeps it without networks. Run it with a network (or wire it by hand) instead.',
  ],
  [
    /container cannot be disconnected from host network or connected to host network/i,
    'The host network is not one a container joins or leaves: it is chosen with --network host when the container is created.',
  ],
  [
    /Address already in use|address .* is already in use/i,
    'Another container already has that address on this network: pick a free one, or let Docker choose.',
  ],
  [
    /user specified IP address is supported (on user defined networks only|only when connecting to networks with user configured subnets)/i,
    'Static addresses work only on user-defined networks created with a subnet you chose.',
  ],
  [
    /network-scoped alias is supported only for containers in user defined networks/i,
    'Aliases (DNS names) exist only on user-defined networks: the default bridge gives no names.',
  ],
  [
    /port is already allocated|bind: address already in use/i,
    'Another container or program already uses that port on the host: publish a different host port.',
  ],
  [/Conflict\. The container name .* is already in use/i, 'That container name is taken.'],
  [/has active endpoints/i, 'Containers are still attached to this network: disconnect them first.'],
  [/pre-defined network|cannot be removed/i, 'bridge, host and none are Docker’s own networks: they cannot be removed.'],
  [
    /Invalid container name|is not a valid|invalid reference format/i,
    'Docker allows letters, digits, "_", "." and "-" in names, starting with a letter or digit.',
  ],
  [/endpoint with name .* already exists in network|already exists in network/i, 'The container is already on that network.'],
  [/No such image/i, 'That image is not on this engine: pull it first (the Run dialog pulls it for you; or dockwire pull IMAGE).'],
  [
    /conflicting options: port publishing and the container type network mode/i,
    'A container sharing another’s namespace cannot publish ports: publish them on the container that owns the namespace.',
  ],
  [/is not running/i, 'The container is not running: start it first.'],
  [/No such container/i, 'That container no longer exists.'],
  [/No such network|network .* not found/i, 'That network no longer exists.'],
  [
    /requires the engine to be a swarm manager|This node is not a swarm manager/i,
    'Overlay networks need the engine to be part of a swarm (docker swarm init).',
  ],
];

/** The plain explanation for one of Docker's error messages. */
export function explainDockerError(message: string): string {
  return EXPLANATIONS.find(([pattern]) => pattern.test(message))?.[1] ?? 'Docker refused the request.';
}

/** The message Docker put in its JSON error body, without dockerode's "(HTTP code …)" prefix. */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } })?.json;
  if (json && typeof json.message === 'string') return json.message;
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}
