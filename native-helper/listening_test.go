package main

import (
	"net"
	"reflect"
	"syscall"
	"testing"
)

// diagMessage builds a struct inet_diag_msg as the kernel sends it.
func diagMessage(family uint8, ip net.IP, port int) []byte {
	data := make([]byte, inetDiagMsgSize)
	data[0] = family
	data[4], data[5] = byte(port>>8), byte(port)
	if family == syscall.AF_INET {
		copy(data[8:12], ip.To4())
	} else {
		copy(data[8:24], ip.To16())
	}
	return data
}

func TestDiagMessagesGiveListeningAddressesAsTheKernelHasThem(t *testing.T) {
	cases := []struct {
		data []byte
		want Socket
	}{
		{diagMessage(syscall.AF_INET, net.ParseIP("127.0.0.1"), 8080), Socket{"tcp", "127.0.0.1", 8080}},
		{diagMessage(syscall.AF_INET, net.ParseIP("0.0.0.0"), 80), Socket{"tcp", "0.0.0.0", 80}},
		{diagMessage(syscall.AF_INET6, net.ParseIP("::"), 5432), Socket{"tcp", "::", 5432}},
		{diagMessage(syscall.AF_INET6, net.ParseIP("::ffff:10.0.0.5"), 22), Socket{"tcp", "10.0.0.5", 22}},
	}
	for _, c := range cases {
		got, ok := parseDiagMessage(c.data, "tcp")
		if !ok || !reflect.DeepEqual(got, c.want) {
			t.Fatalf("got %v %v, want %v", got, ok, c.want)
		}
	}
}

func TestDiagMessagesTooShortOrOfAnotherFamilyAreSkipped(t *testing.T) {
	if _, ok := parseDiagMessage(make([]byte, inetDiagMsgSize-1), "tcp"); ok {
		t.Fatal("a short message was read")
	}
	other := diagMessage(syscall.AF_INET, net.ParseIP("1.2.3.4"), 1)
	other[0] = 99
	if _, ok := parseDiagMessage(other, "tcp"); ok {
		t.Fatal("a message of another family was read")
	}
}

func FuzzParseDiagMessage(f *testing.F) {
	f.Add(diagMessage(syscall.AF_INET, net.ParseIP("127.0.0.1"), 8080))
	f.Add(diagMessage(syscall.AF_INET6, net.ParseIP("::1"), 22))
	f.Fuzz(func(t *testing.T, data []byte) {
		if socket, ok := parseDiagMessage(data, "udp"); ok && (socket.Port < 0 || socket.Port > 65535 || socket.Address == "") {
			t.Fatalf("bad socket %v", socket)
		}
	})
}

// The dump in this test's own namespace finds a socket it opens, with its address and port.
func TestDumpFindsASocketListeningHere(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	port := listener.Addr().(*net.TCPAddr).Port
	sockets, err := dumpListening()
	if err != nil {
		t.Fatal(err)
	}
	for _, socket := range sockets {
		if socket == (Socket{"tcp", "127.0.0.1", port}) {
			return
		}
	}
	t.Fatalf("127.0.0.1:%d not among %v", port, sockets)
}
