/**
 * A one-node swarm on the private engine, for the tests of overlay networks:
 * made by the test that needs it and left afterwards (with what swarm leaves
 * behind), so no other test sees it.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, docker, TEST_IMAGE, TEST_LABEL } from './docker';

export function joinSwarm(): void {
  leaveSwarm([]);
  docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
}

/** A replicated service of the test image serving HTTP on 80, published on `port` through the routing mesh. */
export function createService(name: string, replicas: number, port: number): void {
  docker(
    'service',
    'create',
    '--detach=false',
    '--quiet',
    '--name',
    name,
    '--label',
    TEST_LABEL,
    '--container-label',
    TEST_LABEL,
    '--replicas',
    String(replicas),
    '--publish',
    `${port}:80`,
    TEST_IMAGE,
    'httpd',
    '-f',
    '-p',
    '80',
  );
}

/** Removes the services, waits for their tasks to go, cleans up, leaves the swarm and removes docker_gwbridge. */
export function leaveSwarm(services: string[]): void {
  const active = docker('info', '--format', '{{.Swarm.LocalNodeState}}') !== 'inactive';
  if (active) {
    const existing = services.filter((name) => docker('service', 'ls', '-q', '--filter', `name=${name}`));
    if (existing.length) docker('service', 'rm', ...existing);
    // Swarm removes the tasks on its own; cleaning up under it would race it.
    for (let i = 0; i < 100 && docker('ps', '-aq', '--filter', 'label=com.docker.swarm.service.name'); i++) execFileSync('sleep', ['0.2']);
  }
  cleanup();
  if (active) docker('swarm', 'leave', '--force');
  // Leaving a swarm leaves its bridge behind; nothing else uses it here.
  if (docker('network', 'ls', '-q', '--filter', 'name=^docker_gwbridge$')) docker('network', 'rm', 'docker_gwbridge');
}
