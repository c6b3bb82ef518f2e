package main

import (
	"encoding/binary"
	"testing"
)

func ipv4Packet(icmp []byte) []byte {
	packet := make([]byte, 20, 20+len(icmp))
	packet[0] = 0x45
	return append(packet, icmp...)
}

func TestClassifyICMP(t *testing.T) {
	reply := make([]byte, 16)
	binary.BigEndian.PutUint16(reply[4:6], 7)
	binary.BigEndian.PutUint16(reply[6:8], 3)
	if got := classifyICMP(ipv4Packet(reply), 7, 3); got != "reply" {
		t.Fatalf("echo reply: %q", got)
	}
	if got := classifyICMP(ipv4Packet(reply), 8, 3); got != "" {
		t.Fatalf("someone else's reply: %q", got)
	}
	quoted := append([]byte{3, 1, 0, 0, 0, 0, 0, 0}, ipv4Packet([]byte{8, 0, 0, 0, 0, 7, 0, 3})...)
	if got := classifyICMP(ipv4Packet(quoted), 7, 3); got != "unreachable" {
		t.Fatalf("unreachable: %q", got)
	}
	for _, garbage := range [][]byte{nil, {0x4f}, make([]byte, 27), append([]byte{0x41}, make([]byte, 40)...)} {
		if got := classifyICMP(garbage, 0, 0); got != "" && got != "reply" {
			t.Fatalf("%v: %q", garbage, got)
		}
	}
}

func FuzzClassifyICMP(f *testing.F) {
	f.Add(ipv4Packet([]byte{0, 0, 0, 0, 0, 7, 0, 3}), uint16(7), uint16(3))
	f.Fuzz(func(t *testing.T, packet []byte, id, seq uint16) {
		classifyICMP(packet, id, seq)
	})
}
