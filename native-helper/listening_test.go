package main

import (
	"reflect"
	"strings"
	"testing"
)

// Lines as the kernel writes them (trimmed of the columns after the state).
const tcpTable = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1
   1: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2
   2: 0200A8C0:0050 0300A8C0:C350 01 00000000:00000000 00:00000000 00000000     0        0 3
`

const tcp6Table = `  sl  local_address                         remote_address                        st
   0: 00000000000000000000000000000000:1538 00000000000000000000000000000000:0000 0A
   1: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A
`

func TestSocketTablesGiveListeningAddressesAsTheKernelHasThem(t *testing.T) {
	got := parseSocketTable(tcpTable, "tcp", tcpListen)
	want := []Socket{{"tcp", "127.0.0.1", 8080}, {"tcp", "0.0.0.0", 80}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tcp: got %v, want %v", got, want)
	}
	got = parseSocketTable(tcp6Table, "tcp", tcpListen)
	want = []Socket{{"tcp", "::", 5432}, {"tcp", "::1", 22}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tcp6: got %v, want %v", got, want)
	}
}

func TestSocketTablesSkipWhatIsNotASocketLine(t *testing.T) {
	garbage := strings.Join([]string{"", "x", "0: zz:zz 0 0A", "1: 0100007F 0 0A", "2: 0100007F:FFFFF 0 0A", "3: 01007F:0050 0 0A"}, "\n")
	if got := parseSocketTable(garbage, "tcp", tcpListen); len(got) != 0 {
		t.Fatalf("got %v from garbage", got)
	}
}

func FuzzParseSocketTable(f *testing.F) {
	f.Add(tcpTable)
	f.Add(tcp6Table)
	f.Fuzz(func(t *testing.T, text string) {
		for _, socket := range parseSocketTable(text, "udp", udpUnconnected) {
			if socket.Port < 0 || socket.Port > 65535 || socket.Address == "" {
				t.Fatalf("bad socket %v", socket)
			}
		}
	})
}
