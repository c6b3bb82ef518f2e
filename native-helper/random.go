package main

import (
	"crypto/rand"
	"encoding/binary"
)

// randomUint16 is an unpredictable 16-bit number, from the kernel's random source. math/rand is not used: before
// Go 1.20 its global source starts from the same seed in every process, so each new helper would pick the same DNS
// query ids (guessable, hence spoofable answers), the same echo ids and the same trace marker (whose source port a
// previous trace's connection may still hold in TIME_WAIT).
func randomUint16() uint16 {
	var b [2]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no random source: " + err.Error())
	}
	return binary.BigEndian.Uint16(b[:])
}
