/**
 * Integration tests need a real Docker engine and the test image. Without
 * them they fail loudly here, never skip.
 */
import { execFileSync } from 'node:child_process';

export default function requireEngine(): void {
  if (!process.env.DOCKER_HOST) {
    throw new Error(
      'DOCKER_HOST is not set: integration tests need the private engine (npm test starts it; or: export DOCKER_HOST=$(scripts/engine.sh start))',
    );
  }
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`no Docker engine answers at ${process.env.DOCKER_HOST}: ${(error as Error).message}`, { cause: error });
  }
  try {
    execFileSync('docker', ['image', 'inspect', 'dockwire-test/busybox:2'], { stdio: 'pipe' });
  } catch {
    throw new Error('the test image dockwire-test/busybox:2 is missing: run scripts/test-images.sh');
  }
}
