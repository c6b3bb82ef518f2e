/** A small reader of libpcap files (little-endian, µs), to check what a capture wrote: every record, whole or it throws. */
export interface PcapRecord {
  timeUs: number;
  length: number;
  data: Buffer;
}

export function readPcap(file: Buffer): { snaplen: number; linkType: number; records: PcapRecord[] } {
  if (file.length < 24 || file.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error('not a little-endian microsecond pcap file');
  const records: PcapRecord[] = [];
  let at = 24;
  while (at < file.length) {
    if (at + 16 > file.length) throw new Error(`a record header is cut at byte ${at}`);
    const captured = file.readUInt32LE(at + 8);
    if (at + 16 + captured > file.length) throw new Error(`a record's data is cut at byte ${at}`);
    records.push({
      timeUs: file.readUInt32LE(at) * 1e6 + file.readUInt32LE(at + 4),
      length: file.readUInt32LE(at + 12),
      data: file.subarray(at + 16, at + 16 + captured),
    });
    at += 16 + captured;
  }
  return { snaplen: file.readUInt32LE(16), linkType: file.readUInt32LE(20), records };
}

/** An IPv4 ICMP echo request or reply in an Ethernet frame: its type, source and destination. */
export function icmpEcho(frame: Buffer): { type: 'request' | 'reply'; source: string; destination: string } | null {
  if (frame.length < 35 || frame.readUInt16BE(12) !== 0x0800 || frame[23] !== 1) return null;
  const type = frame[14 + (frame[14]! & 0x0f) * 4];
  if (type !== 0 && type !== 8) return null;
  return {
    type: type === 8 ? 'request' : 'reply',
    source: [...frame.subarray(26, 30)].join('.'),
    destination: [...frame.subarray(30, 34)].join('.'),
  };
}
