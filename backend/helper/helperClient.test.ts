import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HelperClient } from './helperClient.js';

function pair() {
  const toHelper = new PassThrough();
  const fromHelper = new PassThrough();
  const sent: Array<{ id: number; method: string; params: unknown }> = [];
  toHelper.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .trim()
      .split('\n')
      .forEach((l) => sent.push(JSON.parse(l))),
  );
  return { client: new HelperClient(toHelper, fromHelper), fromHelper, sent };
}

describe('HelperClient', () => {
  it('matches replies to requests by id, even out of order and split across chunks', async () => {
    const { client, fromHelper, sent } = pair();
    const a = client.request('version', {});
    const b = client.request('hostLinks', {});
    await new Promise((r) => setImmediate(r));
    expect(sent.map((s) => s.method)).toEqual(['version', 'hostLinks']);
    const reply = `{"id":${sent[1]!.id},"result":{"links":[]}}\n{"id":${sent[0]!.id},"result":{"version":"2","go":"go1.19","arch":"amd64","pid":7}}\n`;
    fromHelper.write(reply.slice(0, 10));
    fromHelper.write(reply.slice(10));
    expect(await a).toEqual({ version: '2', go: 'go1.19', arch: 'amd64', pid: 7 });
    expect(await b).toEqual({ links: [] });
  });

  it('rethrows the helper’s error with its code', async () => {
    const { client, fromHelper, sent } = pair();
    const call = client.request('netnsLinks', { pid: 0, container: 'c' });
    await new Promise((r) => setImmediate(r));
    fromHelper.write(`{"id":${sent[0]!.id},"error":{"code":"bad-request","message":"pid 0 is out of range"}}\n`);
    await expect(call).rejects.toMatchObject({ code: 'bad-request', message: 'pid 0 is out of range' });
  });

  it('passes pushed events on, and fails pending calls when the helper goes away', async () => {
    const { client, fromHelper } = pair();
    const events: unknown[] = [];
    client.events.add((e) => events.push(e));
    const pending = client.request('version', {});
    fromHelper.write('{"event":"netlink","data":{"pid":0,"kind":"link"}}\n');
    fromHelper.end();
    await expect(pending).rejects.toMatchObject({ code: 'helper-gone' });
    expect(events).toEqual([{ event: 'netlink', data: { pid: 0, kind: 'link' } }]);
    await expect(client.request('version', {})).rejects.toMatchObject({ code: 'helper-gone' });
  });

  it('times out a call the helper never answers', async () => {
    const { client } = pair();
    await expect(client.request('version', {}, 20)).rejects.toMatchObject({ code: 'timeout' });
  });
});
