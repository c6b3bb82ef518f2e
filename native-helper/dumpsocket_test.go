package main

import (
	"syscall"
	"testing"
)

// One socket serves a namespace read's dumps one after another; a dump cut short leaves the rest of its
// answer on its socket, so the next dump must not read that as its own.
func TestADumpSocketIsReusedAndNeverReadsAnotherDumpsRest(t *testing.T) {
	dumps := newDumpSocket()
	defer dumps.close()
	addressRequest := make([]byte, syscall.SizeofIfAddrmsg)
	if _, _, err := dumps.upTo(syscall.RTM_GETADDR, addressRequest, 1<<20); err != nil {
		t.Fatal(err)
	}
	first := dumps.fd
	linkRequest := make([]byte, syscall.SizeofIfInfomsg)
	links, truncated, err := dumps.upTo(syscall.RTM_GETLINK, linkRequest, 1<<20)
	if err != nil || truncated || len(links) < 2 {
		t.Fatalf("links: %d, truncated %v, %v", len(links), truncated, err)
	}
	if dumps.fd != first {
		t.Fatalf("a whole dump closed its socket (fd %d, then %d)", first, dumps.fd)
	}
	// Cut after one link: the others are still on the socket.
	if _, truncated, err := dumps.upTo(syscall.RTM_GETLINK, linkRequest, 1); err != nil || !truncated {
		t.Fatalf("the cut dump: truncated %v, %v", truncated, err)
	}
	addresses, _, err := dumps.upTo(syscall.RTM_GETADDR, addressRequest, 1<<20)
	if err != nil || len(addresses) == 0 {
		t.Fatalf("addresses: %d, %v", len(addresses), err)
	}
	for _, message := range addresses {
		if message.Header.Type != syscall.RTM_NEWADDR {
			t.Fatalf("the address dump read a message of type %d: the cut dump's rest", message.Header.Type)
		}
	}
}
