import { describe, expect, it } from 'vitest';
import { summarizePacket } from './packetSummary';
import { pcapHeader, pcapRecord } from './pcap';

const ether = (type: number) => [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, type >> 8, type & 0xff];
const ip = (protocol: number, source: number[], target: number[], body: number[]) => [
  0x45,
  0,
  0,
  20 + body.length,
  0,
  0,
  0,
  0,
  64,
  protocol,
  0,
  0,
  ...source,
  ...target,
  ...body,
];
const frame = (...parts: number[][]) => new Uint8Array(parts.flat());
const A = [10, 0, 0, 2];
const B = [10, 0, 0, 3];
const name = (text: string) => [...text.split('.').flatMap((label) => [label.length, ...[...label].map((c) => c.charCodeAt(0))]), 0];
const dnsQuery = [0x12, 0x34, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...name('web.shop'), 0, 1, 0, 1];
// The answer names the question by a compression pointer (0xc00c: offset 12).
const dnsResponse = [
  0x12,
  0x34,
  0x81,
  0x80,
  0,
  1,
  0,
  1,
  0,
  0,
  0,
  0,
  ...name('web.shop'),
  0,
  1,
  0,
  1,
  0xc0,
  12,
  0,
  1,
  0,
  1,
  0,
  0,
  0,
  60,
  0,
  4,
  ...B,
];
const udp = (from: number, to: number, body: number[]) => [from >> 8, from & 0xff, to >> 8, to & 0xff, 0, 8 + body.length, 0, 0, ...body];

describe('packet summaries', () => {
  it('reads ICMP echo, ARP, TCP flags and UDP', () => {
    expect(summarizePacket(frame(ether(0x0800), ip(1, A, B, [8, 0, 0, 0, 0, 7, 0, 2])))).toMatchObject({
      source: '10.0.0.2',
      destination: '10.0.0.3',
      protocol: 'ICMP',
      info: 'echo request id=7 seq=2',
    });
    expect(summarizePacket(frame(ether(0x0800), ip(1, B, A, [3, 3, 0, 0])))).toMatchObject({ info: 'destination unreachable (port)' });
    const arp = [0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 2, ...A, 0, 0, 0, 0, 0, 0, ...B];
    expect(summarizePacket(frame(ether(0x0806), arp))).toMatchObject({ protocol: 'ARP', info: 'who has 10.0.0.3? tell 10.0.0.2' });
    const syn = [0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x12, 0, 0, 0, 0, 0, 0];
    expect(summarizePacket(frame(ether(0x0800), ip(6, A, B, syn)))).toMatchObject({ protocol: 'TCP', info: '40000 → 80 [SYN, ACK] seq=1' });
    expect(summarizePacket(frame(ether(0x0800), ip(17, A, B, udp(40000, 9000, [1, 2, 3]))))).toMatchObject({ info: '40000 → 9000 len=3' });
  });

  it('names what DNS asks and answers', () => {
    expect(summarizePacket(frame(ether(0x0800), ip(17, A, B, udp(40000, 53, dnsQuery))))).toMatchObject({
      protocol: 'DNS',
      info: 'query A web.shop',
    });
    expect(summarizePacket(frame(ether(0x0800), ip(17, B, A, udp(53, 40000, dnsResponse))))).toMatchObject({
      info: 'response A web.shop → 10.0.0.3',
    });
    const nxdomain = [...dnsResponse.slice(0, 2), 0x81, 0x83, 0, 1, 0, 0, 0, 0, 0, 0, ...name('nope'), 0, 1, 0, 1];
    expect(summarizePacket(frame(ether(0x0800), ip(17, B, A, udp(53, 40000, nxdomain))))).toMatchObject({
      info: 'response A nope: NXDOMAIN',
    });
  });

  it('reads past IPv6 extension headers to the transport', () => {
    const ipv6 = (next: number, body: number[]) => [
      0x60,
      0,
      0,
      0,
      0,
      body.length,
      next,
      1,
      0xfd,
      ...Array(14).fill(0),
      2,
      0xff,
      2,
      ...Array(13).fill(0),
      0x16,
      ...body,
    ];
    // An MLDv2 report after a hop-by-hop header (the router alert), as a new interface sends.
    const hopByHop = [58, 0, 5, 2, 0, 0, 1, 0];
    expect(summarizePacket(frame(ether(0x86dd), ipv6(0, [...hopByHop, 143, 0, 0, 0, 0, 0, 0, 0])))).toMatchObject({
      source: 'fd00::2',
      destination: 'ff02::16',
      protocol: 'ICMPv6',
      info: 'multicast listener report',
    });
    // DNS after a destination-options header of 16 bytes.
    const options = [17, 1, ...Array(14).fill(0)];
    expect(summarizePacket(frame(ether(0x86dd), ipv6(60, [...options, ...udp(40000, 53, dnsQuery)])))).toMatchObject({
      protocol: 'DNS',
      info: 'query A web.shop',
    });
    expect(summarizePacket(frame(ether(0x86dd), ipv6(44, [17, 0, 0x05, 0xa8, 0, 0, 0, 1, 0, 53])))).toMatchObject({
      info: 'fragment at 1448',
    });
    expect(summarizePacket(frame(ether(0x86dd), ipv6(0, [58, 9, 0, 0])))).toMatchObject({ protocol: 'IPv6', info: 'truncated' });
    const chain = Array.from({ length: 9 }, () => [60, 0, 0, 0, 0, 0, 0, 0]).flat();
    expect(summarizePacket(frame(ether(0x86dd), ipv6(60, chain))).info).toBe('too many extension headers');
  });

  it('opens a VXLAN packet between two nodes: the frame it carries, its VXLAN id, and the nodes it runs between', () => {
    const [nodeA, nodeB] = [
      [10, 250, 0, 12],
      [10, 250, 0, 11],
    ];
    const inner = frame(ether(0x0800), ip(1, A, B, [8, 0, 0, 0, 0, 7, 0, 2]));
    const vxlanHeader = [0x08, 0, 0, 0, 0, 0x10, 0x01, 0]; // VNI 4097
    const packet = frame(ether(0x0800), ip(17, nodeA, nodeB, udp(51000, 4789, [...vxlanHeader, ...inner])));
    expect(summarizePacket(packet)).toMatchObject({
      source: '10.0.0.2',
      destination: '10.0.0.3',
      protocol: 'VXLAN ICMP',
      info: 'echo request id=7 seq=2 · VXLAN 4097, 10.250.0.12 → 10.250.0.11',
    });
    // VXLAN inside VXLAN is not opened twice; a short one says so.
    const twice = frame(ether(0x0800), ip(17, nodeA, nodeB, udp(51000, 4789, [...vxlanHeader, ...packet])));
    expect(summarizePacket(twice)).toMatchObject({
      protocol: 'VXLAN VXLAN',
      info: 'VXLAN 4097 10.250.0.12 → 10.250.0.11 · VXLAN 4097, 10.250.0.12 → 10.250.0.11',
    });
    expect(summarizePacket(frame(ether(0x0800), ip(17, nodeA, nodeB, udp(51000, 4789, [8, 0]))))).toMatchObject({
      protocol: 'VXLAN',
      info: '10.250.0.12 → 10.250.0.11 truncated VXLAN',
    });
  });

  it('never throws on truncated or hostile frames', () => {
    expect(summarizePacket(new Uint8Array(5)).info).toBe('truncated frame');
    const loop = [0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 0xc0, 12, 0, 1];
    expect(summarizePacket(frame(ether(0x0800), ip(17, B, A, udp(53, 1, loop)))).info).toBe('malformed DNS');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(14 + (i % 120)).map(random);
      bytes[12] = [0x08, 0x86, 0x08][i % 3]!;
      bytes[13] = [0x00, 0xdd, 0x06][i % 3]!;
      expect(() => summarizePacket(bytes)).not.toThrow();
    }
  });

  it('writes pcap a record at a time, in the format tcpdump reads', () => {
    const header = new DataView(pcapHeader(65535).buffer);
    expect(header.getUint32(0, true)).toBe(0xa1b2c3d4);
    expect(header.getUint32(20, true)).toBe(1);
    const record = pcapRecord(1_796_000_000_123_456, 98, new Uint8Array([1, 2, 3]));
    const view = new DataView(record.buffer);
    expect([view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true)]).toEqual([
      1_796_000_000, 123_456, 3, 98,
    ]);
    expect([...record.slice(16)]).toEqual([1, 2, 3]);
  });
});
