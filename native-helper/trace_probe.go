// The trace's marked probe, sent from the source's own namespace (or the host's): three ICMP echo requests
// of the asked size, one TCP connect or one UDP datagram, each carrying the marker the hops watch for.
package main

import (
	"encoding/binary"
	"net"
	"syscall"
	"time"
)

// sendProbe sends the marked probe from the source's namespace: three echo requests, or one connect, or one datagram.
func sendProbe(inSource func(func() error) error, p traceParams, ip net.IP, marker uint16, timeout time.Duration, lastSent *time.Time) (int, string, string) {
	var target [4]byte
	copy(target[:], ip.To4())
	switch p.Proto {
	case "icmp":
		var fd int
		if err := inSource(func() (err error) {
			fd, err = syscall.Socket(syscall.AF_INET, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.IPPROTO_ICMP)
			return
		}); err != nil {
			return 0, "error", err.Error()
		}
		defer syscall.Close(fd)
		replied := false
		for seq := 1; seq <= traceProbes; seq++ {
			*lastSent = time.Now()
			if _, problem := echoSized(fd, target, marker, uint16(seq), p.Size, timeout/traceProbes); problem == "" {
				replied = true
			}
			if seq < traceProbes {
				time.Sleep(traceProbeGapMs * time.Millisecond)
			}
		}
		if replied {
			return traceProbes, "replied", ""
		}
		return traceProbes, "timeout", "no echo reply"
	case "tcp", "udp":
		kind := syscall.SOCK_STREAM
		if p.Proto == "udp" {
			kind = syscall.SOCK_DGRAM
		}
		var fd int
		if err := inSource(func() (err error) {
			fd, err = syscall.Socket(syscall.AF_INET, kind|syscall.SOCK_CLOEXEC, 0)
			return
		}); err != nil {
			return 0, "error", err.Error()
		}
		defer syscall.Close(fd)
		// Closed with a reset, not a FIN: the marked port is not left in TIME_WAIT for the next trace.
		syscall.SetsockoptLinger(fd, syscall.SOL_SOCKET, syscall.SO_LINGER, &syscall.Linger{Onoff: 1, Linger: 0})
		syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1)
		if err := syscall.Bind(fd, &syscall.SockaddrInet4{Port: int(marker)}); err != nil {
			return 0, "error", "cannot bind the marked source port: " + err.Error()
		}
		tv := syscall.NsecToTimeval(timeout.Nanoseconds())
		syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_SNDTIMEO, &tv)
		syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv)
		address := &syscall.SockaddrInet4{Port: p.Port, Addr: target}
		*lastSent = time.Now()
		if p.Proto == "tcp" {
			err := syscall.Connect(fd, address)
			switch err {
			case nil:
				return 1, "replied", "connected"
			case syscall.ECONNREFUSED:
				return 1, "refused", "connection refused"
			case syscall.EHOSTUNREACH, syscall.ENETUNREACH:
				return 1, "unreachable", err.Error()
			case syscall.EINPROGRESS, syscall.EAGAIN, syscall.ETIMEDOUT:
				return 1, "timeout", "no answer within the timeout"
			}
			return 1, "error", err.Error()
		}
		if err := syscall.Sendto(fd, []byte("dockwire trace"), 0, address); err != nil {
			return 0, "error", err.Error()
		}
		buffer := make([]byte, 2048)
		if _, _, err := syscall.Recvfrom(fd, buffer, 0); err == nil {
			return 1, "replied", "an answer came"
		} else if err == syscall.ECONNREFUSED {
			return 1, "refused", "port unreachable"
		}
		return 1, "timeout", "no answer (UDP has none unless the server sends one)"
	}
	return 0, "error", "unknown protocol"
}

// echoSized sends one echo request with a payload of size bytes and waits for its reply.
func echoSized(fd int, target [4]byte, id, seq uint16, size int, timeout time.Duration) (float64, string) {
	packet := make([]byte, 8+size)
	packet[0] = 8
	binary.BigEndian.PutUint16(packet[4:6], id)
	binary.BigEndian.PutUint16(packet[6:8], seq)
	binary.BigEndian.PutUint16(packet[2:4], checksum(packet))
	started := time.Now()
	if err := syscall.Sendto(fd, packet, 0, &syscall.SockaddrInet4{Addr: target}); err != nil {
		return 0, "send: " + err.Error()
	}
	buffer := make([]byte, 65536)
	for {
		left := time.Until(started.Add(timeout))
		if left <= 0 {
			return 0, "timeout"
		}
		tv := syscall.NsecToTimeval(left.Nanoseconds())
		syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv)
		n, _, err := syscall.Recvfrom(fd, buffer, 0)
		if err != nil {
			if err == syscall.EAGAIN || err == syscall.EINTR {
				continue
			}
			return 0, err.Error()
		}
		if classifyICMP(buffer[:n], id, seq) == "reply" {
			return float64(time.Since(started).Microseconds()) / 1000, ""
		}
	}
}
