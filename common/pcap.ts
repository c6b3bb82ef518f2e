/**
 * Pure: the libpcap file format (https://wiki.wireshark.org/Development/LibpcapFileFormat),
 * little-endian, microsecond timestamps, Ethernet frames (link type 1). Written a
 * record at a time, so a capture is streamed to its file and never held whole.
 */
export const PCAP_LINKTYPE_ETHERNET = 1;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;

/** The 24-byte file header. */
export function pcapHeader(snaplen: number): Uint8Array {
  const bytes = new Uint8Array(24);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC_MICROSECONDS, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setInt32(8, 0, true); // timezone: UTC
  view.setUint32(12, 0, true); // accuracy
  view.setUint32(16, snaplen, true);
  view.setUint32(20, PCAP_LINKTYPE_ETHERNET, true);
  return bytes;
}

/** One record: a 16-byte header (seconds, microseconds, captured and original length), then the bytes. */
export function pcapRecord(timeUs: number, originalLength: number, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(16 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Math.floor(timeUs / 1e6), true);
  view.setUint32(4, timeUs % 1e6, true);
  view.setUint32(8, data.length, true);
  view.setUint32(12, Math.max(originalLength, data.length), true);
  bytes.set(data, 16);
  return bytes;
}

/** Base64 to bytes, in Node and in the browser alike. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
