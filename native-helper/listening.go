package main

// Listening sockets of a container's network namespace, asked of the kernel
// with sock_diag (NETLINK_SOCK_DIAG) from inside the namespace: TCP sockets
// in LISTEN and UDP sockets bound but not connected. The /proc/net tables
// would say the same, but reading them walks every socket of the host (about
// 10 ms a namespace here); a sock_diag dump of listening sockets does not. A
// container decides how many sockets there are, so the dump is bounded.

import (
	"encoding/binary"
	"fmt"
	"net"
	"sort"
	"syscall"
)

const (
	maxListening      = 256
	maxDiagDatagrams  = 64
	sockDiagByFamily  = 20 // SOCK_DIAG_BY_FAMILY
	netlinkSockDiag   = 4  // NETLINK_SOCK_DIAG
	tcpListenState    = 10 // TCP_LISTEN
	udpUnboundedState = 7  // TCP_CLOSE: a UDP socket bound and not connected
	inetDiagReqSize   = 56 // struct inet_diag_req_v2
	inetDiagMsgSize   = 72 // struct inet_diag_msg
)

// Socket is one listening socket: its protocol, the address it is bound to as the kernel has it, and its port.
type Socket struct {
	Protocol string `json:"protocol"`
	Address  string `json:"address"`
	Port     int    `json:"port"`
}

// dumpListening lists the listening sockets of the calling thread's network namespace. Each dump walks a
// table the kernel keeps for all namespaces, so one the namespace's own counters say must come back empty
// (no socket of that protocol and family at all, as for IPv6 in most containers) is not asked for.
func dumpListening() ([]Socket, error) {
	sockets := []Socket{}
	seen := map[Socket]bool{}
	inUse := socketsInUse()
	for _, query := range []struct {
		protocol string
		number   uint8
		state    uint
	}{{"tcp", syscall.IPPROTO_TCP, tcpListenState}, {"udp", syscall.IPPROTO_UDP, udpUnboundedState}} {
		for _, family := range []uint8{syscall.AF_INET, syscall.AF_INET6} {
			if count, known := inUse[sockstatKey(query.protocol, family)]; known && count == 0 {
				continue
			}
			found, err := sockDiagDump(family, query.number, 1<<query.state, query.protocol)
			if err != nil {
				return nil, fmt.Errorf("sock_diag %s dump: %w", query.protocol, err)
			}
			for _, socket := range found {
				if !seen[socket] && len(sockets) < maxListening {
					seen[socket] = true
					sockets = append(sockets, socket)
				}
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

func sockDiagDump(family, protocol uint8, states uint32, name string) ([]Socket, error) {
	return untilConsistent(func() ([]Socket, error) { return sockDiagDumpOnce(family, protocol, states, name) })
}

// sockDiagDumpOnce is one try of sockDiagDump.
func sockDiagDumpOnce(family, protocol uint8, states uint32, name string) ([]Socket, error) {
	fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_DGRAM|syscall.SOCK_CLOEXEC, netlinkSockDiag)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	request := make([]byte, inetDiagReqSize) // struct inet_diag_req_v2: family, protocol, ext, pad, states, sockid
	request[0], request[1] = family, protocol
	nativePutUint32(request[4:8], states)
	if err := sendNetlink(fd, sockDiagByFamily, syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP, request); err != nil {
		return nil, err
	}
	sockets := []Socket{}
	err = receiveDump(fd, maxDiagDatagrams, func(message syscall.NetlinkMessage) error {
		if message.Header.Type != sockDiagByFamily {
			return nil
		}
		if socket, ok := parseDiagMessage(message.Data, name); ok && len(sockets) < maxListening {
			sockets = append(sockets, socket)
		}
		return nil
	})
	if err != nil && err != errDumpFull {
		return nil, err
	}
	return sockets, nil // past maxDiagDatagrams, more than anyone listens on: the first maxListening are kept
}

// parseDiagMessage reads the family, source port and source address of one struct inet_diag_msg.
func parseDiagMessage(data []byte, protocol string) (Socket, bool) {
	if len(data) < inetDiagMsgSize {
		return Socket{}, false
	}
	family := data[0]
	port := int(binary.BigEndian.Uint16(data[4:6]))
	source := data[8:24]
	var ip net.IP
	switch family {
	case syscall.AF_INET:
		ip = net.IP(append([]byte{}, source[:4]...))
	case syscall.AF_INET6:
		ip = net.IP(append([]byte{}, source...))
		if v4 := ip.To4(); v4 != nil {
			ip = v4 // a v4-mapped address on an IPv6 socket is an IPv4 one, as ss shows it
		}
	default:
		return Socket{}, false
	}
	return Socket{Protocol: protocol, Address: ip.String(), Port: port}, true
}
