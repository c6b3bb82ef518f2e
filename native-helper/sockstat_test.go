package main

import (
	"reflect"
	"syscall"
	"testing"
)

func TestSockstatLinesGiveTheirInUseCounts(t *testing.T) {
	counts := map[string]int{}
	parseSockstat("sockets: used 998\nTCP: inuse 1 orphan 0 tw 0 alloc 736 mem 0\nUDP: inuse 0 mem 0\n", counts)
	parseSockstat("TCP6: inuse 3\nUDP6: inuse 0\nRAW6: inuse 0\nFRAG6: inuse 0 memory 0\n", counts)
	want := map[string]int{"TCP": 1, "UDP": 0, "TCP6": 3, "UDP6": 0, "RAW6": 0, "FRAG6": 0}
	if !reflect.DeepEqual(counts, want) {
		t.Fatalf("got %v, want %v", counts, want)
	}
}

// Garbage gives no count rather than a zero, since a zero skips a dump.
func TestMalformedSockstatLinesGiveNoCount(t *testing.T) {
	counts := map[string]int{}
	parseSockstat("TCP: inuse\nUDP: inuse -1\nTCP6: used 0\nUDP6 inuse 0\n: inuse 0\n\x00\xff\nTCP6: inuse 1e3\n", counts)
	if len(counts) != 0 {
		t.Fatalf("counts read from garbage: %v", counts)
	}
}

// In a namespace of its own, the counters are that namespace's (the host's sockets are not counted), and a
// socket of each kind the counters show is still found: skipping the dumps they say are empty hides nothing.
func TestListeningSocketsAreFoundWhereTheNamespacesCountersSayThereAreSome(t *testing.T) {
	pid, _ := scratchNamespace(t)
	ns, err := Target{Pid: pid, Container: testContainer}.open()
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Close()
	var empty, counted map[string]int
	var before, after []Socket
	err = ns.run(func() error {
		empty = socketsInUse()
		if before, err = dumpListening(); err != nil {
			return err
		}
		tcp6, tcp6Port := boundSocket(t, syscall.AF_INET6, syscall.SOCK_STREAM)
		defer syscall.Close(tcp6)
		if err := syscall.Listen(tcp6, 1); err != nil {
			return err
		}
		udp4, udp4Port := boundSocket(t, syscall.AF_INET, syscall.SOCK_DGRAM)
		defer syscall.Close(udp4)
		counted = socketsInUse()
		if after, err = dumpListening(); err != nil {
			return err
		}
		want := []Socket{{"tcp", "::", tcp6Port}, {"udp", "0.0.0.0", udp4Port}}
		for _, socket := range want {
			if !containsSocket(after, socket) {
				t.Errorf("%v not among %v", socket, after)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"TCP": 0, "UDP": 0, "TCP6": 0, "UDP6": 0}; !reflect.DeepEqual(pick(empty, want), want) {
		t.Fatalf("a new namespace's counters: got %v, want %v", empty, want)
	}
	if len(before) != 0 {
		t.Fatalf("a new namespace listens on nothing, got %v", before)
	}
	if want := map[string]int{"TCP": 0, "UDP": 1, "TCP6": 1, "UDP6": 0}; !reflect.DeepEqual(pick(counted, want), want) {
		t.Fatalf("counters with a TCP6 listener and a bound UDP socket: got %v, want %v", counted, want)
	}
	if len(after) != 2 {
		t.Fatalf("want exactly the two sockets opened, got %v", after)
	}
}

// boundSocket opens a socket of this family and type bound to the wildcard address on a port the kernel picks.
func boundSocket(t *testing.T, family, kind int) (int, int) {
	fd, err := syscall.Socket(family, kind|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	var address syscall.Sockaddr = &syscall.SockaddrInet4{}
	if family == syscall.AF_INET6 {
		if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_IPV6, syscall.IPV6_V6ONLY, 1); err != nil {
			t.Fatal(err)
		}
		address = &syscall.SockaddrInet6{}
	}
	if err := syscall.Bind(fd, address); err != nil {
		t.Fatal(err)
	}
	bound, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	switch a := bound.(type) {
	case *syscall.SockaddrInet4:
		return fd, a.Port
	case *syscall.SockaddrInet6:
		return fd, a.Port
	}
	t.Fatalf("unexpected address %v", bound)
	return 0, 0
}

func containsSocket(sockets []Socket, want Socket) bool {
	for _, socket := range sockets {
		if socket == want {
			return true
		}
	}
	return false
}

// pick is counts restricted to want's keys (a missing key stays missing, so the comparison fails on it).
func pick(counts, want map[string]int) map[string]int {
	picked := map[string]int{}
	for key := range want {
		if count, known := counts[key]; known {
			picked[key] = count
		}
	}
	return picked
}
