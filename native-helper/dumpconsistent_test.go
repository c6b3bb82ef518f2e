package main

import (
	"errors"
	"syscall"
	"testing"
)

// netlinkMessage builds one netlink message: header (length, type, flags, seq, pid), then data.
func netlinkMessage(msgType uint16, flags uint16, data []byte) []byte {
	message := make([]byte, syscall.NLMSG_HDRLEN+len(data))
	nativePutUint32(message[0:4], uint32(len(message)))
	nativePutUint16(message[4:6], msgType)
	nativePutUint16(message[6:8], flags)
	copy(message[syscall.NLMSG_HDRLEN:], data)
	return message
}

// receiveFrom sends the datagrams through a socket pair and runs receiveDump on the far end.
func receiveFrom(t *testing.T, datagrams ...[]byte) (int, error) {
	t.Helper()
	pair, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_DGRAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(pair[0])
	defer syscall.Close(pair[1])
	for _, datagram := range datagrams {
		if _, err := syscall.Write(pair[0], datagram); err != nil {
			t.Fatal(err)
		}
	}
	kept := 0
	err = receiveDump(pair[1], 8, func(syscall.NetlinkMessage) error { kept++; return nil })
	return kept, err
}

func TestReceiveDumpSaysWhenTheKernelMarkedItInterrupted(t *testing.T) {
	link := netlinkMessage(syscall.RTM_NEWLINK, syscall.NLM_F_MULTI, make([]byte, 16))
	done := netlinkMessage(syscall.NLMSG_DONE, syscall.NLM_F_MULTI, make([]byte, 4))
	if kept, err := receiveFrom(t, append(append([]byte{}, link...), done...)); err != nil || kept != 1 {
		t.Fatalf("a whole dump: kept %d, err %v", kept, err)
	}
	// The kernel sets the flag on what it sends after its table changed (here the second message, and DONE).
	interruptedLink := netlinkMessage(syscall.RTM_NEWLINK, syscall.NLM_F_MULTI|nlmFDumpIntr, make([]byte, 16))
	interruptedDone := netlinkMessage(syscall.NLMSG_DONE, syscall.NLM_F_MULTI|nlmFDumpIntr, make([]byte, 4))
	kept, err := receiveFrom(t, link, append(append([]byte{}, interruptedLink...), interruptedDone...))
	if !errors.Is(err, errDumpInterrupted) || kept != 2 {
		t.Fatalf("an interrupted dump: kept %d, err %v (want errDumpInterrupted, read whole)", kept, err)
	}
}

func TestUntilConsistentDumpsAgainWhileInterrupted(t *testing.T) {
	tries := 0
	got, err := untilConsistent(func() (int, error) {
		tries++
		if tries < 3 {
			return -1, errDumpInterrupted
		}
		return 42, nil
	})
	if got != 42 || err != nil || tries != 3 {
		t.Fatalf("got %d, err %v after %d tries; want 42 after 3", got, err, tries)
	}

	tries = 0
	_, err = untilConsistent(func() (int, error) { tries++; return 0, errDumpInterrupted })
	if !errors.Is(err, errDumpInterrupted) || tries != dumpAttempts {
		t.Fatalf("always interrupted: err %v after %d tries; want errDumpInterrupted after %d", err, tries, dumpAttempts)
	}

	tries = 0
	refused := syscall.EPERM
	if _, err = untilConsistent(func() (int, error) { tries++; return 0, refused }); err != refused || tries != 1 {
		t.Fatalf("another error: err %v after %d tries; want EPERM at once", err, tries)
	}
}
