// Telling a trace's own packets from all the others a hop carries: the probe
// carries a marker (the ICMP echo id, or the TCP or UDP source port), so a frame
// is the probe's request when it carries the marker on the way out, its reply
// when it carries it on the way back, and an ICMP error about the probe when the
// packet it quotes carries it. ARP for the probe's next hop is noted too (a
// question with no answer is a reason). Pure: frames are untrusted bytes.
package main

import (
	"encoding/binary"
	"net"
)

// traceHit is what one frame is to a trace.
type traceHit struct {
	kind string // request, reply, error (an ICMP error about the probe), arp-request, arp-reply
	src  net.IP
	dst  net.IP
	size int
}

// matchTraceFrame says what an Ethernet frame is to the trace of this protocol and marker, if anything.
func matchTraceFrame(frame []byte, proto string, marker uint16) (traceHit, bool) {
	if len(frame) < 14 {
		return traceHit{}, false
	}
	etherType, offset := binary.BigEndian.Uint16(frame[12:14]), 14
	if etherType == 0x8100 && len(frame) >= 18 {
		etherType, offset = binary.BigEndian.Uint16(frame[16:18]), 18
	}
	payload := frame[offset:]
	switch etherType {
	case 0x0806:
		if len(payload) < 28 || payload[4] != 6 || payload[5] != 4 {
			return traceHit{}, false
		}
		op := binary.BigEndian.Uint16(payload[6:8])
		hit := traceHit{src: net.IP(payload[14:18]), dst: net.IP(payload[24:28]), size: len(frame)}
		if op == 1 {
			hit.kind = "arp-request"
		} else if op == 2 {
			hit.kind = "arp-reply"
		} else {
			return traceHit{}, false
		}
		return hit, true
	case 0x0800:
		kind, src, dst, ok := matchIPv4(payload, proto, marker, false)
		if !ok {
			return traceHit{}, false
		}
		return traceHit{kind: kind, src: src, dst: dst, size: len(frame)}, true
	}
	return traceHit{}, false
}

// matchIPv4 reads an IPv4 packet (quoted: inside an ICMP error, where only 8 bytes of its transport header remain).
func matchIPv4(packet []byte, proto string, marker uint16, quoted bool) (string, net.IP, net.IP, bool) {
	if len(packet) < 20 || packet[0]>>4 != 4 {
		return "", nil, nil, false
	}
	headerLength := int(packet[0]&0x0f) * 4
	if headerLength < 20 || len(packet) < headerLength+8 {
		return "", nil, nil, false
	}
	src, dst := net.IP(packet[12:16]), net.IP(packet[16:20])
	transport := packet[headerLength:]
	switch packet[9] {
	case 1: // ICMP
		icmpType := transport[0]
		if (icmpType == 8 || icmpType == 0) && proto == "icmp" && binary.BigEndian.Uint16(transport[4:6]) == marker {
			if icmpType == 8 {
				return "request", src, dst, true
			}
			return "reply", src, dst, true
		}
		// An error (unreachable, time exceeded, fragmentation needed) quoting the probe.
		if !quoted && (icmpType == 3 || icmpType == 11) && len(transport) >= 8 {
			if kind, _, _, ok := matchIPv4(transport[8:], proto, marker, true); ok && kind == "request" {
				return "error", src, dst, true
			}
		}
	case 6, 17:
		if (packet[9] == 6) != (proto == "tcp") || (packet[9] == 17) != (proto == "udp") {
			return "", nil, nil, false
		}
		sport, dport := binary.BigEndian.Uint16(transport[0:2]), binary.BigEndian.Uint16(transport[2:4])
		if sport == marker {
			return "request", src, dst, true
		}
		if dport == marker {
			return "reply", src, dst, true
		}
	}
	return "", nil, nil, false
}
