/**
 * The desktop tooling lives apart (desktop/): the root install must stay free of it, so that `npm ci` on
 * Node 20.19 installs nothing whose engines want more, and the Electron that packaging and the type check
 * use must be the one desktop/ pins.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('..', import.meta.url).pathname;
const json = (path: string) => JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8'));

/** Whether Node `version` satisfies an engines range of the forms npm packages here use (">=X.Y", ">= X.Y.Z", "^X || >=Y"). */
function satisfies(version: string, range: string): boolean {
  const parts = (v: string) => v.split('.').map((n) => Number(n) || 0);
  const atLeast = (v: number[], min: number[]) => {
    for (let i = 0; i < 3; i++) if ((v[i] ?? 0) !== (min[i] ?? 0)) return (v[i] ?? 0) > (min[i] ?? 0);
    return true;
  };
  const node = parts(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .split(/\s+(?=[<>^~=])/)
      .every((condition) => {
        const match = /^(>=|>|\^|~|<=|<|=)?\s*v?([\d.x*]+)/.exec(condition.trim());
        if (!match || /^[x*]$/.test(match[2]!)) return true;
        const min = parts(match[2]!.replace(/[x*]/g, '0'));
        switch (match[1]) {
          case '>=':
            return atLeast(node, min);
          case '>':
            return atLeast(node, min) && node.join('.') !== min.join('.');
          case '<':
            return !atLeast(node, min);
          case '<=':
            return !atLeast(node, min) || node.join('.') === min.join('.');
          case '^':
            return node[0] === min[0] && atLeast(node, min);
          default:
            return node[0] === min[0];
        }
      }),
  );
}

describe('the desktop tooling, installed apart', () => {
  const root = json('package.json');
  const lock = json('package-lock.json');
  const desktop = json('desktop/package.json');

  it('leaves the root install free of packages whose engines refuse the Node version root promises', () => {
    const promised = /^>=\s*([\d.]+)$/.exec(root.engines.node)![1]!;
    const refusing = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([path, entry]) => path && typeof entry.engines?.node === 'string' && !satisfies(promised, entry.engines.node))
      .map(([path, entry]) => `${path} wants node ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
    expect(Object.keys(root.devDependencies)).not.toContain('electron');
  });

  it('packages and type-checks against the Electron desktop/ pins', () => {
    const pinned = json('desktop/package-lock.json').packages['node_modules/electron'].version;
    expect(desktop.devDependencies.electron).toBe(pinned);
    expect(parse(readFileSync(`${ROOT}electron-builder.yml`, 'utf8')).electronVersion).toBe(pinned);
    expect(satisfies('22.12.0', desktop.engines.node) && !satisfies('22.11.0', desktop.engines.node)).toBe(true);
  });

  it('reads engines ranges as npm does for the forms in use', () => {
    expect(satisfies('20.20.2', '>=20.19')).toBe(true);
    expect(satisfies('20.20.2', '>= 22.12.0')).toBe(false);
    expect(satisfies('20.20.2', '^18.17.0 || >=20.5.0')).toBe(true);
    expect(satisfies('20.20.2', '>=14.0.0 <22')).toBe(true);
    expect(satisfies('20.20.2', '*')).toBe(true);
  });
});
