package main

import (
	"encoding/binary"
	"unsafe"
)

// Netlink uses the host's byte order. Every platform Dockwire builds for
// (amd64, arm64) is little-endian.
var nativeEndian = binary.LittleEndian

func nativeUint16(b []byte) uint16          { return nativeEndian.Uint16(b) }
func nativeUint32(b []byte) uint32          { return nativeEndian.Uint32(b) }
func nativeUint64(b []byte) uint64          { return nativeEndian.Uint64(b) }
func nativePutUint16(b []byte, v uint16)    { nativeEndian.PutUint16(b, v) }
func nativePutUint32(b []byte, v uint32)    { nativeEndian.PutUint32(b, v) }
func unsafePointer(b []byte) unsafe.Pointer { return unsafe.Pointer(&b[0]) }
