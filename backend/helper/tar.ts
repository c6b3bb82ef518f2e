/** A one-file ustar archive, enough for `docker import` of the helper binary. */

/** What comes before and after a file of this size in its one-file archive. */
export function singleFileTarFrame(name: string, size: number, mode = 0o755): { header: Buffer; trailer: Buffer } {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value.slice(0, length), offset, length, 'ascii');
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';
  field(0, 100, name);
  field(100, 8, octal(mode, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(size, 12));
  // A fixed time: the same binary always makes the same archive, whose digest identifies the image's layer.
  field(136, 12, octal(0, 12));
  field(148, 8, '        '); // checksum is computed over spaces here
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(148, 8, checksum.toString(8).padStart(6, '0') + '\0 ');
  // The file's last block padded, then two empty blocks that end the archive.
  const trailer = Buffer.alloc(((512 - (size % 512)) % 512) + 1024);
  return { header, trailer };
}

export function singleFileTar(name: string, content: Buffer, mode = 0o755): Buffer {
  const { header, trailer } = singleFileTarFrame(name, content.length, mode);
  return Buffer.concat([header, content, trailer]);
}
