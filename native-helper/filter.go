// The capture filter: a small language applied in the helper to each packet
// before it is queued, so a busy interface sends only what was asked for.
//
//	expr    = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | "(" expr ")" | primitive
//	primitive = "proto" ("icmp"|"tcp"|"udp"|"arp"|"dns") | "host" ADDRESS | "port" NUMBER
//
// "icmp", "tcp", "udp", "arp" and "dns" alone are short for "proto …". dns is
// UDP or TCP to or from port 53; host matches an IPv4 or IPv6 source or
// destination (or an ARP sender or target).
package main

import (
	"encoding/binary"
	"net"
	"strconv"
	"strings"
)

const (
	maxFilterLength = 512
	maxFilterDepth  = 32
)

// filter says whether a packet (from its Ethernet header on) is wanted.
type filter func(packet *decodedPacket) bool

// decodedPacket is what the filter looks at.
type decodedPacket struct {
	arp            bool
	ipProto        int // -1 when not IP
	source, target net.IP
	sourcePort     int // -1 without ports
	targetPort     int
}

func decodeForFilter(frame []byte) decodedPacket {
	packet := decodedPacket{ipProto: -1, sourcePort: -1, targetPort: -1}
	if len(frame) < 14 {
		return packet
	}
	etherType, offset := binary.BigEndian.Uint16(frame[12:14]), 14
	if etherType == 0x8100 && len(frame) >= 18 { // one VLAN tag
		etherType, offset = binary.BigEndian.Uint16(frame[16:18]), 18
	}
	payload := frame[offset:]
	var transport []byte
	switch etherType {
	case 0x0806:
		packet.arp = true
		if len(payload) >= 28 && payload[4] == 6 && payload[5] == 4 {
			packet.source, packet.target = net.IP(payload[14:18]), net.IP(payload[24:28])
		}
	case 0x0800:
		if len(payload) < 20 {
			return packet
		}
		headerLength := int(payload[0]&0x0f) * 4
		packet.ipProto = int(payload[9])
		packet.source, packet.target = net.IP(payload[12:16]), net.IP(payload[16:20])
		fragmentOffset := binary.BigEndian.Uint16(payload[6:8]) & 0x1fff
		if headerLength >= 20 && len(payload) >= headerLength && fragmentOffset == 0 {
			transport = payload[headerLength:]
		}
	case 0x86dd:
		if len(payload) < 40 {
			return packet
		}
		packet.source, packet.target = net.IP(payload[8:24]), net.IP(payload[24:40])
		packet.ipProto, transport = ipv6Transport(payload)
	}
	if (packet.ipProto == 6 || packet.ipProto == 17) && len(transport) >= 4 {
		packet.sourcePort = int(binary.BigEndian.Uint16(transport[0:2]))
		packet.targetPort = int(binary.BigEndian.Uint16(transport[2:4]))
	}
	return packet
}

// maxIPv6ExtensionHeaders bounds the walk: real packets carry one or two; a longer chain is not worth reading.
const maxIPv6ExtensionHeaders = 8

// ipv6Transport walks an IPv6 packet's extension headers to its transport: MLD reports, for one, come after a
// hop-by-hop header, and "proto icmp" must still see ICMPv6. It returns the transport protocol and its bytes; no
// bytes for a later fragment, a header cut short, or a chain too long.
func ipv6Transport(packet []byte) (int, []byte) {
	next, rest := int(packet[6]), packet[40:]
	for i := 0; i < maxIPv6ExtensionHeaders; i++ {
		var size int
		switch next {
		case 0, 43, 60: // hop-by-hop, routing, destination options: in units of 8 bytes, the first not counted
			if len(rest) < 2 {
				return next, nil
			}
			size = (int(rest[1]) + 1) * 8
		case 51: // authentication header: in units of 4 bytes, the first two not counted
			if len(rest) < 2 {
				return next, nil
			}
			size = (int(rest[1]) + 2) * 4
		case 44: // fragment: only the first carries the transport header
			if len(rest) < 8 {
				return next, nil
			}
			if binary.BigEndian.Uint16(rest[2:4])>>3 != 0 {
				return int(rest[0]), nil
			}
			size = 8
		default:
			return next, rest
		}
		if len(rest) < size {
			return int(rest[0]), nil
		}
		next, rest = int(rest[0]), rest[size:]
	}
	return next, nil
}

// parseFilter compiles a filter expression; an empty one takes every packet.
func parseFilter(text string) (filter, error) {
	if len(text) > maxFilterLength {
		return nil, badRequest("the filter is longer than %d characters", maxFilterLength)
	}
	parser := &filterParser{tokens: tokenize(text)}
	if len(parser.tokens) == 0 {
		return func(*decodedPacket) bool { return true }, nil
	}
	result, err := parser.expr(0)
	if err != nil {
		return nil, err
	}
	if parser.position < len(parser.tokens) {
		return nil, badRequest("filter: unexpected %q", parser.tokens[parser.position])
	}
	return result, nil
}

func tokenize(text string) []string {
	spaced := strings.NewReplacer("(", " ( ", ")", " ) ").Replace(text)
	return strings.Fields(strings.ToLower(spaced))
}

type filterParser struct {
	tokens   []string
	position int
}

func (p *filterParser) peek() string {
	if p.position < len(p.tokens) {
		return p.tokens[p.position]
	}
	return ""
}

func (p *filterParser) next() string {
	token := p.peek()
	p.position++
	return token
}

func (p *filterParser) expr(depth int) (filter, error) {
	left, err := p.and(depth)
	for err == nil && p.peek() == "or" {
		p.next()
		var right filter
		if right, err = p.and(depth); err == nil {
			a, b := left, right
			left = func(packet *decodedPacket) bool { return a(packet) || b(packet) }
		}
	}
	return left, err
}

func (p *filterParser) and(depth int) (filter, error) {
	left, err := p.unary(depth)
	for err == nil && p.peek() == "and" {
		p.next()
		var right filter
		if right, err = p.unary(depth); err == nil {
			a, b := left, right
			left = func(packet *decodedPacket) bool { return a(packet) && b(packet) }
		}
	}
	return left, err
}

func (p *filterParser) unary(depth int) (filter, error) {
	if depth > maxFilterDepth {
		return nil, badRequest("filter: nested more than %d deep", maxFilterDepth)
	}
	switch token := p.next(); token {
	case "not":
		inner, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return func(packet *decodedPacket) bool { return !inner(packet) }, nil
	case "(":
		inner, err := p.expr(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.next() != ")" {
			return nil, badRequest("filter: a ( is not closed")
		}
		return inner, nil
	case "proto":
		return protoFilter(p.next())
	case "icmp", "tcp", "udp", "arp", "dns":
		return protoFilter(token)
	case "host":
		word := p.next()
		address := net.ParseIP(word)
		if address == nil {
			return nil, badRequest("filter: host needs an IPv4 or IPv6 address, not %q", truncate(word, 64))
		}
		return func(packet *decodedPacket) bool { return address.Equal(packet.source) || address.Equal(packet.target) }, nil
	case "port":
		word := p.next()
		port, err := strconv.Atoi(word)
		if err != nil || port < 1 || port > 65535 {
			return nil, badRequest("filter: port needs a number from 1 to 65535, not %q", truncate(word, 64))
		}
		return func(packet *decodedPacket) bool { return packet.sourcePort == port || packet.targetPort == port }, nil
	case "":
		return nil, badRequest("filter: it ends where a condition should follow")
	default:
		return nil, badRequest("filter: unknown word %q (use proto icmp|tcp|udp|arp|dns, host ADDRESS, port N, and, or, not, parentheses)", truncate(token, 64))
	}
}

func protoFilter(name string) (filter, error) {
	switch name {
	case "icmp":
		return func(packet *decodedPacket) bool { return packet.ipProto == 1 || packet.ipProto == 58 }, nil
	case "tcp":
		return func(packet *decodedPacket) bool { return packet.ipProto == 6 }, nil
	case "udp":
		return func(packet *decodedPacket) bool { return packet.ipProto == 17 }, nil
	case "arp":
		return func(packet *decodedPacket) bool { return packet.arp }, nil
	case "dns":
		return func(packet *decodedPacket) bool { return packet.sourcePort == 53 || packet.targetPort == 53 }, nil
	}
	return nil, badRequest("filter: proto must be icmp, tcp, udp, arp or dns, not %q", truncate(name, 64))
}
