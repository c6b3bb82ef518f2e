package main

// The socket counters a network namespace keeps for itself (/proc/net/sockstat and sockstat6), read for the
// calling thread's namespace through /proc/thread-self: /proc/self/net would name the main thread's, and a
// reader may be on another thread inside a container's namespace.

import (
	"strconv"
	"strings"
	"syscall"
)

// sockstatKey names a protocol and family as sockstat does: TCP, UDP, TCP6, UDP6.
func sockstatKey(protocol string, family uint8) string {
	key := strings.ToUpper(protocol)
	if family == syscall.AF_INET6 {
		key += "6"
	}
	return key
}

// socketsInUse is how many sockets of each protocol the calling thread's namespace has in use (bound or
// listening), by sockstatKey. A file that cannot be read gives no counts (then every dump is asked for).
func socketsInUse() map[string]int {
	counts := map[string]int{}
	for _, path := range []string{"/proc/thread-self/net/sockstat", "/proc/thread-self/net/sockstat6"} {
		if text, err := readTiny(path); err == nil {
			parseSockstat(text, counts)
		}
	}
	return counts
}

// parseSockstat adds each "NAME: inuse N ..." line's count to counts; other lines and malformed ones are skipped.
func parseSockstat(text string, counts map[string]int) {
	for _, line := range strings.Split(text, "\n") {
		name, rest, found := strings.Cut(line, ": ")
		fields := strings.Fields(rest)
		if !found || name == "" || len(fields) < 2 || fields[0] != "inuse" {
			continue
		}
		if count, err := strconv.Atoi(fields[1]); err == nil && count >= 0 {
			counts[name] = count
		}
	}
}

// readTiny reads the first KiB of a /proc file whose whole text is smaller, without the allocations of a
// general reader (it runs once or twice for every namespace read).
func readTiny(path string) (string, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer syscall.Close(fd)
	var buffer [1024]byte
	n, err := syscall.Read(fd, buffer[:])
	if err != nil {
		return "", err
	}
	return string(buffer[:n]), nil
}
