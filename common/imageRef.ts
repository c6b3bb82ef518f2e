/**
 * Image references as Docker reads them: `[registry[:port]/]path[:tag][@digest]`
 * (the distribution project's grammar). Parsed once here so the Run dialog,
 * the CLI's `dockwire pull`, the backend's pull and its credential look-up
 * agree on which registry and which repository a reference means.
 */
import { DockwireError } from './errors.js';

export interface ImageRef {
  /** As typed (trimmed). */
  text: string;
  /** The registry's host[:port]; "docker.io" when none is named. */
  registry: string;
  /** The repository in that registry ("library/nginx" for Docker Hub's "nginx"). */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** What the engine's pull API takes: the name without tag or digest … */
  fromImage: string;
  /** … and the tag or digest ("latest" when neither is given). */
  tagOrDigest: string;
  /** The name Docker lists it under once pulled: "nginx:latest", "127.0.0.1:5000/a/b:1" (a digest reference: name@digest). */
  canonical: string;
}

export const DOCKER_HUB = 'docker.io';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

const bad = (text: string, why: string) =>
  new DockwireError(
    'invalid',
    `"${text.slice(0, 100)}" is not an image reference: ${why} (e.g. nginx, nginx:1.27, registry.example:5000/team/app:2)`,
  );

export function parseImageRef(input: string): ImageRef {
  const text = input.trim();
  if (!text) throw new DockwireError('invalid', 'Name an image, e.g. nginx or alpine:3.20.');
  if (text.length > 512) throw bad(text, 'it is longer than 512 characters');
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(text, `"${digest.slice(0, 80)}" is not a digest (sha256:<64 hex digits>)`);
  }
  // A tag is after the last colon that comes after the last slash (a registry's port comes before it).
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(text, `"${tag.slice(0, 80)}" is not a tag (letters, digits, _ . -, at most 128)`);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : DOCKER_HUB;
  if (hasRegistry && !DOMAIN.test(registry)) throw bad(text, `"${registry}" is not a registry host[:port]`);
  const path = hasRegistry ? parts.slice(1) : parts;
  if (!path.length || path.some((component) => !COMPONENT.test(component))) {
    throw bad(text, 'names are lowercase letters and digits, parts separated by / and joined by . _ or -');
  }
  if (rest.length > 255) throw bad(text, 'the name is longer than 255 characters');
  const repository = registry === DOCKER_HUB && path.length === 1 ? `library/${path[0]}` : path.join('/');
  const tagOrDigest = digest ?? tag ?? 'latest';
  return {
    text,
    registry,
    repository,
    tag,
    digest,
    fromImage: rest,
    tagOrDigest,
    canonical: digest ? `${rest}@${digest}` : `${rest}:${tag ?? 'latest'}`,
  };
}
