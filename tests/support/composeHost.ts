/**
 * A host laid out the way people run them, made with real `docker-compose`:
 * six projects (each with its <project>_default network, some with a
 * <project>_backend), a reverse proxy joined to every project's default
 * network, a few containers started by hand (one in host mode), one stopped.
 * 25 containers. Everything is labelled dockwire.test=1 (cleanup() finds it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, runContainer, TEST_IMAGE, TEST_LABEL } from './docker';

/** Services and the networks each joins (default, backend), per project. */
export const COMPOSE_PROJECTS: Record<string, Record<string, string[]>> = {
  shop: { web: ['default'], api: ['default', 'backend'], worker: ['backend'], db: ['backend'], cache: ['backend'] },
  blog: { wordpress: ['default'], mysql: ['default'], redis: ['default'] },
  monitor: {
    prometheus: ['default'],
    grafana: ['default'],
    'node-exporter': ['default'],
    cadvisor: ['default'],
    alertmanager: ['default'],
  },
  auth: { keycloak: ['default', 'backend'], postgres: ['backend'], mail: ['default'] },
  chat: { app: ['default', 'backend'], redis: ['backend'], mongo: ['backend'], worker: ['backend'] },
  proxy: { traefik: ['default'] },
};
export const BY_HAND = ['scratch', 'netshoot', 'debug-host', 'old'];

function composeFile(project: string, services: Record<string, string[]>, subnet: number): string {
  const networks = [...new Set(Object.values(services).flat())];
  const lines = ['version: "2.4"', 'services:'];
  for (const [service, on] of Object.entries(services)) {
    lines.push(
      `  ${service}:`,
      `    image: ${TEST_IMAGE}`,
      '    command: ["sleep", "86400"]',
      '    labels:',
      `      dockwire.test: "1"`,
      '    networks:',
    );
    for (const network of on) lines.push(`      - ${network}`);
    if (project === 'proxy') for (const other of Object.keys(COMPOSE_PROJECTS).filter((p) => p !== 'proxy')) lines.push(`      - ${other}`);
  }
  lines.push('networks:');
  networks.forEach((network, index) => {
    lines.push(
      `  ${network}:`,
      '    labels:',
      `      dockwire.test: "1"`,
      '    ipam:',
      '      config:',
      `        - subnet: 10.${200 + subnet}.${index}.0/24`,
    );
  });
  if (project === 'proxy') {
    for (const other of Object.keys(COMPOSE_PROJECTS).filter((p) => p !== 'proxy'))
      lines.push(`  ${other}:`, '    external: true', `    name: ${other}_default`);
  }
  return `${lines.join('\n')}\n`;
}

/** Brings the whole host up; returns the container names as docker-compose made them. */
export function composeHostUp(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dockwire-compose-'));
  Object.entries(COMPOSE_PROJECTS).forEach(([project, services], index) => {
    const file = join(dir, `${project}.yml`);
    writeFileSync(file, composeFile(project, services, index));
    execFileSync('docker-compose', ['-p', project, '-f', file, 'up', '-d', '--no-color', '--quiet-pull'], { stdio: 'pipe' });
  });
  runContainer('scratch', []);
  runContainer('netshoot', []);
  runContainer('debug-host', ['--network', 'host']);
  docker('create', '--label', TEST_LABEL, '--name', 'old', TEST_IMAGE);
}

/** docker-compose 1.x names containers <project>_<service>_1. */
export const composeName = (project: string, service: string) => `${project}_${service}_1`;
