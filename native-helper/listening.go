package main

// Listening sockets of a container's network namespace, from the kernel's own
// tables under /proc/<pid>/net (tcp, tcp6, udp, udp6): a TCP socket in LISTEN,
// a UDP socket bound and not connected. The tables are the kernel's, but a
// container decides how many sockets they list, so each is read bounded and
// at most maxListening sockets are kept.

import (
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
)

const (
	maxSocketTableBytes = 1 << 20
	maxListening        = 256
	tcpListen           = "0A"
	udpUnconnected      = "07"
)

// Socket is one listening socket: its protocol, the address it is bound to as the kernel has it, and its port.
type Socket struct {
	Protocol string `json:"protocol"`
	Address  string `json:"address"`
	Port     int    `json:"port"`
}

// readListening lists the listening sockets of the network namespace pid is in.
func readListening(pid int) ([]Socket, error) {
	sockets := []Socket{}
	seen := map[Socket]bool{}
	for _, table := range []struct{ file, protocol, state string }{
		{"tcp", "tcp", tcpListen}, {"tcp6", "tcp", tcpListen}, {"udp", "udp", udpUnconnected}, {"udp6", "udp", udpUnconnected},
	} {
		text, err := readBounded(fmt.Sprintf("/proc/%d/net/%s", pid, table.file))
		if err != nil {
			if os.IsNotExist(err) {
				continue // a kernel without IPv6 has no tcp6 table
			}
			return nil, fmt.Errorf("cannot read the namespace's %s table: %w", table.file, err)
		}
		for _, socket := range parseSocketTable(text, table.protocol, table.state) {
			if !seen[socket] && len(sockets) < maxListening {
				seen[socket] = true
				sockets = append(sockets, socket)
			}
		}
	}
	sort.Slice(sockets, func(i, j int) bool {
		a, b := sockets[i], sockets[j]
		if a.Port != b.Port {
			return a.Port < b.Port
		}
		if a.Protocol != b.Protocol {
			return a.Protocol < b.Protocol
		}
		return a.Address < b.Address
	})
	return sockets, nil
}

func readBounded(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer file.Close()
	text, err := io.ReadAll(io.LimitReader(file, maxSocketTableBytes))
	return string(text), err
}

// parseSocketTable reads the lines of one /proc/net table whose state is the one asked for.
func parseSocketTable(text, protocol, state string) []Socket {
	sockets := []Socket{}
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 4 || fields[3] != state {
			continue
		}
		address, port, ok := parseHexEndpoint(fields[1])
		if !ok {
			continue
		}
		sockets = append(sockets, Socket{Protocol: protocol, Address: address, Port: port})
	}
	return sockets
}

// parseHexEndpoint reads "0100007F:0050" (IPv4) or a 32-digit IPv6 address and port: the
// address as the kernel stores it, in host byte order word by word (little-endian here).
func parseHexEndpoint(field string) (string, int, bool) {
	colon := strings.IndexByte(field, ':')
	if colon < 0 {
		return "", 0, false
	}
	raw, err := hex.DecodeString(field[:colon])
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return "", 0, false
	}
	port, err := strconv.ParseUint(field[colon+1:], 16, 16)
	if err != nil {
		return "", 0, false
	}
	ip := make(net.IP, len(raw))
	for word := 0; word < len(raw); word += 4 {
		for b := 0; b < 4; b++ {
			ip[word+b] = raw[word+3-b]
		}
	}
	// A v4-mapped address (::ffff:a.b.c.d) on a tcp6 socket is an IPv4 one, as ss shows it.
	if v4 := ip.To4(); len(raw) == 16 && v4 != nil {
		return v4.String(), int(port), true
	}
	return ip.String(), int(port), true
}
