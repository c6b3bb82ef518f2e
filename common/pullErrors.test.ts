import { describe, expect, it } from 'vitest';
import { parseImageRef } from './imageRef.js';
import { explainPullError } from './pullErrors.js';

const ref = parseImageRef('127.0.0.1:5001/dockwire-test/busybox:nope');
const explain = (said: string) => {
  const error = explainPullError(said, ref, 'auths in /root/.docker/config.json');
  return { code: error.code, message: error.message, said: error.details?.dockerMessage };
};

describe('explainPullError, from what Docker 20.10 says', () => {
  it('a missing tag: not found, naming the repository and tag as the registry saw them', () => {
    expect(explain('manifest for 127.0.0.1:5001/dockwire-test/busybox:nope not found: manifest unknown: manifest unknown')).toEqual({
      code: 'not-found',
      message:
        '127.0.0.1:5001/dockwire-test/busybox:nope was not found: the registry 127.0.0.1:5001 has no dockwire-test/busybox:nope. Check the name and the tag.',
      said: 'manifest for 127.0.0.1:5001/dockwire-test/busybox:nope not found: manifest unknown: manifest unknown',
    });
  });

  it('wrong or missing credentials: unauthorized, naming the registry and where credentials were looked up', () => {
    for (const said of [
      'Head "http://127.0.0.1:5001/v2/dockwire-test/busybox/manifests/nope": no basic auth credentials',
      'Get "http://127.0.0.1:5001/v2/": unauthorized: authentication required',
    ]) {
      expect(explain(said)).toMatchObject({
        code: 'unauthorized',
        message: expect.stringMatching(
          /^The registry 127\.0\.0\.1:5001 refused .* "docker login 127\.0\.0\.1:5001"; credentials are looked up in auths in \/root\/\.docker\/config\.json\.$/,
        ),
      });
    }
  });

  it('a registry that is not there: unreachable, in the engine’s words', () => {
    const said = 'Get "http://127.0.0.1:5001/v2/": dial tcp 127.0.0.1:5001: connect: connection refused';
    expect(explain(said)).toEqual({
      code: 'registry-unreachable',
      message: `The engine could not reach the registry 127.0.0.1:5001: ${said}`,
      said,
    });
  });

  it('Docker Hub’s "pull access denied" may mean either: it says both', () => {
    const hub = explainPullError(
      "pull access denied for nosuch/thing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      parseImageRef('nosuch/thing'),
      'auths in /root/.docker/config.json',
    );
    expect(hub.code).toBe('not-found');
    expect(hub.message).toMatch(/not found at docker\.io, or it needs credentials there \(nosuch\/thing:latest\)\. .*"docker login";/);
  });

  it('anything else: the engine’s own words', () => {
    expect(explain('write /var/lib/docker/tmp/x: no space left on device')).toMatchObject({
      code: 'docker-refused',
      message: expect.stringContaining('no space left on device'),
    });
  });
});
