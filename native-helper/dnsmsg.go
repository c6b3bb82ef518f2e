// A minimal DNS client message codec (RFC 1035): one question out, A/AAAA
// answers in, with name compression understood. The standard library keeps
// its DNS codec internal, and the helper must resolve through the container's
// own resolver, from inside its namespace.
package main

import (
	"encoding/binary"
	"errors"
	"net"
	"strings"
)

const (
	dnsTypeA    = 1
	dnsTypeAAAA = 28
	dnsClassIN  = 1
)

var rcodes = map[int]string{0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}

// encodeQuery builds a recursive query for name (absolute, without the final dot) and qtype.
func encodeQuery(id uint16, name string, qtype uint16) ([]byte, error) {
	message := make([]byte, 12, 512)
	binary.BigEndian.PutUint16(message[0:2], id)
	binary.BigEndian.PutUint16(message[2:4], 0x0100) // RD
	binary.BigEndian.PutUint16(message[4:6], 1)      // QDCOUNT
	for _, label := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		if len(label) == 0 || len(label) > 63 {
			return nil, badRequest("%q is not a valid DNS name", name)
		}
		message = append(message, byte(len(label)))
		message = append(message, label...)
	}
	message = append(message, 0, byte(qtype>>8), byte(qtype), 0, dnsClassIN)
	return message, nil
}

// DNSAnswer is one address record.
type DNSAnswer struct {
	Type    string `json:"type"`
	Address string `json:"address"`
	TTL     uint32 `json:"ttl"`
}

// decodeResponse returns the rcode and the A/AAAA answers of a response to id.
func decodeResponse(id uint16, message []byte) (string, []DNSAnswer, error) {
	if len(message) < 12 || binary.BigEndian.Uint16(message[0:2]) != id {
		return "", nil, errors.New("malformed or unrelated DNS response")
	}
	flags := binary.BigEndian.Uint16(message[2:4])
	rcode, ok := rcodes[int(flags&0xF)]
	if !ok {
		rcode = "RCODE" + string(rune('0'+flags&0xF))
	}
	questions := int(binary.BigEndian.Uint16(message[4:6]))
	answers := int(binary.BigEndian.Uint16(message[6:8]))
	offset := 12
	for i := 0; i < questions; i++ {
		next, err := skipName(message, offset)
		if err != nil {
			return rcode, nil, err
		}
		offset = next + 4
	}
	result := []DNSAnswer{}
	for i := 0; i < answers; i++ {
		next, err := skipName(message, offset)
		if err != nil || next+10 > len(message) {
			return rcode, result, errors.New("truncated DNS answer")
		}
		rtype := binary.BigEndian.Uint16(message[next : next+2])
		ttl := binary.BigEndian.Uint32(message[next+4 : next+8])
		length := int(binary.BigEndian.Uint16(message[next+8 : next+10]))
		data := next + 10
		if data+length > len(message) {
			return rcode, result, errors.New("truncated DNS answer")
		}
		if rtype == dnsTypeA && length == 4 {
			result = append(result, DNSAnswer{Type: "A", Address: net.IP(message[data : data+4]).String(), TTL: ttl})
		} else if rtype == dnsTypeAAAA && length == 16 {
			result = append(result, DNSAnswer{Type: "AAAA", Address: net.IP(message[data : data+16]).String(), TTL: ttl})
		}
		offset = data + length
	}
	return rcode, result, nil
}

// skipName returns the offset just after the (possibly compressed) name at offset.
func skipName(message []byte, offset int) (int, error) {
	for steps := 0; steps < 128; steps++ {
		if offset >= len(message) {
			return 0, errors.New("truncated DNS name")
		}
		length := int(message[offset])
		switch {
		case length == 0:
			return offset + 1, nil
		case length&0xC0 == 0xC0:
			return offset + 2, nil
		default:
			offset += 1 + length
		}
	}
	return 0, errors.New("DNS name too long")
}

// candidates lists the names to try, in resolv.conf's order.
func (conf ResolvConf) candidates(name string) []string {
	if strings.HasSuffix(name, ".") {
		return []string{strings.TrimSuffix(name, ".")}
	}
	searched := []string{}
	for _, domain := range conf.Search {
		searched = append(searched, name+"."+strings.TrimSuffix(domain, "."))
	}
	if strings.Count(name, ".") >= conf.Ndots {
		return append([]string{name}, searched...)
	}
	return append(searched, name)
}
