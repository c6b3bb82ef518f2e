// The ping probe: ICMP echo from a raw socket made inside the namespace.
package main

import (
	"encoding/binary"
	"fmt"
	"syscall"
	"time"
)

type pingParams struct {
	Target
	Address    string `json:"address"`
	Count      int    `json:"count"`
	IntervalMs int    `json:"intervalMs"`
	TimeoutMs  int    `json:"timeoutMs"`
}

func methodPing(_ *Helper, raw []byte) (interface{}, error) {
	var params pingParams
	ns, err := decodeProbe(raw, &params, func() Target { return params.Target })
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	ip, err := parseTarget(params.Address)
	if err != nil {
		return nil, err
	}
	if ip.To4() == nil {
		return nil, badRequest("ping supports IPv4 targets")
	}
	if params.Count == 0 {
		params.Count = 3
	}
	if params.Count < 1 || params.Count > 20 {
		return nil, badRequest("count must be 1 to 20")
	}
	interval, timeout := clampMs(params.IntervalMs, 10, 5000, 200), clampMs(params.TimeoutMs, 50, 10000, 1000)
	if interval < 0 || timeout < 0 {
		return nil, badRequest("intervalMs must be 10 to 5000 and timeoutMs 50 to 10000")
	}
	var fd int
	err = ns.run(func() error {
		var socketErr error
		fd, socketErr = syscall.Socket(syscall.AF_INET, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.IPPROTO_ICMP)
		return socketErr
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open an ICMP socket in the namespace: %w", err)
	}
	defer syscall.Close(fd)
	id := randomUint16()
	rtts := []float64{}
	errorsSeen := map[string]int{}
	var target [4]byte
	copy(target[:], ip.To4())
	for seq := 1; seq <= params.Count; seq++ {
		if seq > 1 {
			time.Sleep(interval)
		}
		rtt, problem := echoOnce(fd, target, id, uint16(seq), timeout)
		if problem != "" {
			errorsSeen[problem]++
		} else {
			rtts = append(rtts, rtt)
		}
	}
	result := PingResult{Address: ip.String(), Sent: params.Count, Received: len(rtts), Errors: errorsSeen}
	if len(rtts) > 0 {
		min, max, sum := rtts[0], rtts[0], 0.0
		for _, r := range rtts {
			if r < min {
				min = r
			}
			if r > max {
				max = r
			}
			sum += r
		}
		result.RttMs = &RTT{Min: min, Avg: sum / float64(len(rtts)), Max: max}
	}
	return result, nil
}

// echoOnce sends one echo request and waits for its reply; problem is "" on success.
func echoOnce(fd int, target [4]byte, id, seq uint16, timeout time.Duration) (float64, string) {
	packet := make([]byte, 16)
	packet[0] = 8 // echo request
	binary.BigEndian.PutUint16(packet[4:6], id)
	binary.BigEndian.PutUint16(packet[6:8], seq)
	binary.BigEndian.PutUint64(packet[8:16], uint64(time.Now().UnixNano()))
	binary.BigEndian.PutUint16(packet[2:4], checksum(packet))
	started := time.Now()
	if err := syscall.Sendto(fd, packet, 0, &syscall.SockaddrInet4{Addr: target}); err != nil {
		return 0, "send: " + err.Error()
	}
	deadline := started.Add(timeout)
	buffer := make([]byte, 1500)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return 0, "timeout"
		}
		tv := syscall.NsecToTimeval(left.Nanoseconds())
		syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv)
		n, from, err := syscall.Recvfrom(fd, buffer, 0)
		if err != nil {
			if err == syscall.EAGAIN || err == syscall.EWOULDBLOCK || err == syscall.EINTR {
				continue
			}
			return 0, "receive: " + err.Error()
		}
		source, ok := from.(*syscall.SockaddrInet4)
		switch classifyICMP(buffer[:n], id, seq) {
		case "reply":
			if ok && source.Addr == target {
				return float64(time.Since(started).Microseconds()) / 1000, ""
			}
		case "unreachable":
			return 0, "destination unreachable"
		}
	}
}

// classifyICMP reads one IPv4 packet from a raw ICMP socket: "reply" for the echo
// reply to (id, seq), "unreachable" for a destination-unreachable quoting our
// request, "" for anything else (someone else's traffic, or garbage).
func classifyICMP(packet []byte, id, seq uint16) string {
	if len(packet) < 20 {
		return ""
	}
	headerLength := int(packet[0]&0x0F) * 4
	if headerLength < 20 || len(packet) < headerLength+8 {
		return ""
	}
	icmp := packet[headerLength:]
	switch icmp[0] {
	case 0: // echo reply
		if binary.BigEndian.Uint16(icmp[4:6]) == id && binary.BigEndian.Uint16(icmp[6:8]) == seq {
			return "reply"
		}
	case 3: // destination unreachable, quoting the IP header and 8 bytes of our request
		inner := icmp[8:]
		if len(inner) < 20 {
			return ""
		}
		innerHeader := int(inner[0]&0x0F) * 4
		if innerHeader >= 20 && len(inner) >= innerHeader+8 && binary.BigEndian.Uint16(inner[innerHeader+4:innerHeader+6]) == id {
			return "unreachable"
		}
	}
	return ""
}

func checksum(data []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(data); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(data[i : i+2]))
	}
	if len(data)%2 == 1 {
		sum += uint32(data[len(data)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = (sum & 0xFFFF) + (sum >> 16)
	}
	return ^uint16(sum)
}
