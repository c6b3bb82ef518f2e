import { describe, expect, it } from 'vitest';
import { parseImageRef } from './imageRef.js';

describe('parseImageRef', () => {
  it.each([
    [
      'nginx',
      {
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: null,
        fromImage: 'nginx',
        tagOrDigest: 'latest',
        canonical: 'nginx:latest',
      },
    ],
    [
      'nicolaka/netshoot:v0.13',
      { registry: 'docker.io', repository: 'nicolaka/netshoot', tag: 'v0.13', canonical: 'nicolaka/netshoot:v0.13' },
    ],
    [
      '127.0.0.1:5000/dockwire-test/busybox:pull',
      { registry: '127.0.0.1:5000', repository: 'dockwire-test/busybox', tag: 'pull', fromImage: '127.0.0.1:5000/dockwire-test/busybox' },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'app', tagOrDigest: 'latest' }],
    ['registry.example.com/team/app', { registry: 'registry.example.com', repository: 'team/app' }],
    [
      `alpine@sha256:${'a'.repeat(64)}`,
      { digest: `sha256:${'a'.repeat(64)}`, tagOrDigest: `sha256:${'a'.repeat(64)}`, canonical: `alpine@sha256:${'a'.repeat(64)}` },
    ],
    ['  busybox:1.36  ', { text: 'busybox:1.36', tag: '1.36' }],
  ])('reads %s', (text, expected) => {
    expect(parseImageRef(text)).toMatchObject(expected);
  });

  it.each([
    ['', /Name an image/],
    ['Nginx', /lowercase/],
    ['nginx:', /"" is not a tag/],
    ['nginx:bad tag', /is not a tag/],
    ['nginx@sha256:xyz', /is not a digest/],
    ['a//b', /lowercase/],
    ['-bad.example:5000/x', /is not a registry host/],
    [`x:${'t'.repeat(200)}`, /is not a tag/],
    ['x'.repeat(600), /longer than 512/],
  ])('refuses %j, saying why', (text, message) => {
    expect(() => parseImageRef(text)).toThrow(message);
  });
});
