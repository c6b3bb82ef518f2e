import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enginesFile, readRememberedEngines, rememberEngines } from './engineMemory.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'dockwire-memory-')), 'dockwire', 'engines.json');

describe('the engines remembered per user', () => {
  it('lives in the XDG config directory, else ~/.config', () => {
    expect(enginesFile({ XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/dockwire/engines.json');
    expect(enginesFile({}, '/home/u')).toBe('/home/u/.config/dockwire/engines.json');
  });

  it('reads back what was remembered, in order, in a file only its user can read', () => {
    const file = fresh();
    rememberEngines(file, [
      { by: 'context', name: 'node1' },
      { by: 'host', url: 'ssh://me@far' },
    ]);
    expect(readRememberedEngines(file)).toEqual([
      { by: 'context', name: 'node1' },
      { by: 'host', url: 'ssh://me@far' },
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ engines: [{ context: 'node1' }, { host: 'ssh://me@far' }] });
  });

  it('is nothing when there is no file, and sets aside a file that is not a list of engines, saying why', () => {
    expect(readRememberedEngines(fresh())).toBeNull();
    const file = fresh();
    rememberEngines(file, [{ by: 'context', name: 'a' }]);
    for (const garbage of [
      '{',
      '[]',
      '{"engines":[]}',
      '{"engines":[{"context":3}]}',
      `{"engines":[${'{"context":"a"},'.repeat(70)}{"context":"a"}]}`,
    ]) {
      writeFileSync(file, garbage);
      const said: string[] = [];
      expect(readRememberedEngines(file, (line) => said.push(line))).toBeNull();
      expect(said[0]).toContain('not used; the engines are chosen afresh');
    }
    writeFileSync(file, `{"engines":[{"context":"${'x'.repeat(70_000)}"}]}`);
    const said: string[] = [];
    expect(readRememberedEngines(file, (line) => said.push(line))).toBeNull();
    expect(said[0]).toContain('larger than 65536 bytes');
  });
});
