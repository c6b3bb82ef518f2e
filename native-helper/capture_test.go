package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects what the helper writes, for a test to read while captures run.
type lockedBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func (b *lockedBuffer) lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Split(strings.TrimSpace(b.String()), "\n")
}

func waitForEvent(t *testing.T, out *lockedBuffer, name string) map[string]interface{} {
	t.Helper()
	for i := 0; i < 100; i++ {
		for _, line := range out.lines() {
			var event struct {
				Event string                 `json:"event"`
				Data  map[string]interface{} `json:"data"`
			}
			if json.Unmarshal([]byte(line), &event) == nil && event.Event == name {
				return event.Data
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no %s event in:\n%s", name, strings.Join(out.lines(), "\n"))
	return nil
}

// A ping from a namespace, captured there with an icmp filter: the echo requests leave from its
// address to the bridge's, the replies come back, and nothing else (ARP) passes the filter.
func TestCaptureSeesAPingInTheNamespace(t *testing.T) {
	pid, names := scratchNamespace(t)
	run(t, "ip", "addr", "add", "10.250.0.1/24", "dev", names["bridge"])
	run(t, "ip", "link", "set", names["bridge"], "up")
	out := &lockedBuffer{}
	helper := &Helper{out: bufio.NewWriter(out)}
	params := fmt.Sprintf(`{"captureId":7,"pid":%d,"container":%q,"ifname":%q,"filter":"proto icmp and host 10.250.0.2","count":6}`, pid, testContainer, names["peer"])
	started, err := methodCapture(helper, []byte(params))
	if err != nil {
		t.Fatal(err)
	}
	if started.(CaptureStarted).Ifname != names["peer"] {
		t.Fatalf("started %+v", started)
	}
	run(t, "ip", "netns", "exec", names["ns"], "busybox", "ping", "-c", "3", "-i", "0.2", "10.250.0.1")
	end := waitForEvent(t, out, "captureEnd")
	if end["reason"] != "count" || end["captured"].(float64) != 6 {
		t.Fatalf("end %+v", end)
	}
	requests, replies := 0, 0
	for _, line := range out.lines() {
		var event struct {
			Event string         `json:"event"`
			Data  capturePackets `json:"data"`
		}
		if json.Unmarshal([]byte(line), &event) != nil || event.Event != "capturePackets" {
			continue
		}
		for _, packet := range event.Data.Packets {
			frame, _ := base64.StdEncoding.DecodeString(packet.Data)
			if len(frame) < 34 || binary.BigEndian.Uint16(frame[12:14]) != 0x0800 || frame[23] != 1 {
				t.Fatalf("not an IPv4 ICMP frame: % x", frame)
			}
			source, target, kind := net.IP(frame[26:30]).String(), net.IP(frame[30:34]).String(), frame[34]
			switch {
			case kind == 8 && source == "10.250.0.2" && target == "10.250.0.1":
				requests++
			case kind == 0 && source == "10.250.0.1" && target == "10.250.0.2":
				replies++
			default:
				t.Fatalf("unexpected ICMP type %d %s -> %s", kind, source, target)
			}
			if packet.Length != len(frame) {
				t.Fatalf("length %d, data %d bytes", packet.Length, len(frame))
			}
		}
	}
	if requests != 3 || replies != 3 {
		t.Fatalf("%d requests, %d replies", requests, replies)
	}
	if _, err := methodCaptureStop(helper, []byte(`{"captureId":7}`)); err == nil {
		t.Fatal("a finished capture can still be stopped")
	}
}

func TestCaptureRefusesBadRequestsAndStops(t *testing.T) {
	pid, names := scratchNamespace(t)
	helper := &Helper{out: bufio.NewWriter(&lockedBuffer{})}
	for _, params := range []string{
		fmt.Sprintf(`{"captureId":1,"pid":%d,"container":%q,"ifname":"nope0"}`, pid, testContainer),
		fmt.Sprintf(`{"captureId":1,"pid":%d,"container":%q,"ifname":"a/b"}`, pid, testContainer),
		fmt.Sprintf(`{"captureId":1,"pid":%d,"container":%q,"ifname":%q,"filter":"port 99999"}`, pid, testContainer, names["peer"]),
		fmt.Sprintf(`{"captureId":0,"pid":%d,"container":%q,"ifname":%q}`, pid, testContainer, names["peer"]),
		fmt.Sprintf(`{"captureId":1,"pid":1,"container":%q,"ifname":"lo"}`, testContainer),
	} {
		if _, err := methodCapture(helper, []byte(params)); err == nil {
			t.Fatalf("accepted %s", params)
		}
	}
	out := &lockedBuffer{}
	helper = &Helper{out: bufio.NewWriter(out)}
	// lo is down in a fresh namespace: the capture waits for it rather than ending.
	if _, err := methodCapture(helper, []byte(fmt.Sprintf(`{"captureId":2,"pid":%d,"container":%q,"ifname":"lo"}`, pid, testContainer))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := methodCaptureStop(helper, []byte(`{"captureId":2}`)); err != nil {
		t.Fatal(err)
	}
	if end := waitForEvent(t, out, "captureEnd"); end["reason"] != "stopped" {
		t.Fatalf("end %+v", end)
	}
	// The interface goes away (its veth is deleted, as when a container stops): the capture ends saying so.
	out = &lockedBuffer{}
	helper = &Helper{out: bufio.NewWriter(out)}
	if _, err := methodCapture(helper, []byte(fmt.Sprintf(`{"captureId":3,"pid":%d,"container":%q,"ifname":%q}`, pid, testContainer, names["peer"]))); err != nil {
		t.Fatal(err)
	}
	run(t, "ip", "link", "del", names["host"])
	if end := waitForEvent(t, out, "captureEnd"); end["reason"] != "gone" {
		t.Fatalf("end %+v", end)
	}
}

func TestFilterLanguage(t *testing.T) {
	icmp := ipv4Frame(1, "10.0.0.2", "10.0.0.3", nil)
	dns := ipv4Frame(17, "10.0.0.2", "10.0.0.53", []byte{0x9c, 0x40, 0, 53})
	web := ipv4Frame(6, "10.0.0.2", "10.0.0.3", []byte{0x9c, 0x40, 0, 80})
	arp := append(make([]byte, 12), 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 10, 0, 0, 9)
	cases := []struct {
		filter string
		want   []bool // icmp, dns, web, arp
	}{
		{"", []bool{true, true, true, true}},
		{"icmp", []bool{true, false, false, false}},
		{"proto dns", []bool{false, true, false, false}},
		{"tcp or udp", []bool{false, true, true, false}},
		{"not arp and host 10.0.0.3", []bool{true, false, true, false}},
		{"host 10.0.0.9", []bool{false, false, false, true}},
		{"port 80 or (proto icmp and not host 10.0.0.9)", []bool{true, false, true, false}},
		{"NOT (TCP)", []bool{true, true, false, true}},
	}
	for _, c := range cases {
		match, err := parseFilter(c.filter)
		if err != nil {
			t.Fatalf("%q: %v", c.filter, err)
		}
		for i, frame := range [][]byte{icmp, dns, web, arp} {
			decoded := decodeForFilter(frame)
			if got := match(&decoded); got != c.want[i] {
				t.Fatalf("%q on packet %d: %v", c.filter, i, got)
			}
		}
	}
	for _, bad := range []string{"proto", "proto sctp", "host", "host example.com", "port 0", "port x", "(icmp", "icmp)", "icmp and", "banana", strings.Repeat("(", 40) + "icmp" + strings.Repeat(")", 40), strings.Repeat("x", 600)} {
		if _, err := parseFilter(bad); err == nil {
			t.Fatalf("accepted %q", bad)
		}
	}
}

func TestFilterWalksIPv6ExtensionHeaders(t *testing.T) {
	// An MLDv2 report (ICMPv6 type 143) after a hop-by-hop header with the router alert, as a new interface sends.
	hopByHop := []byte{58, 0, 5, 2, 0, 0, 1, 0}
	mld := ipv6Frame(0, append(hopByHop, 143, 0, 0, 0, 0, 0, 0, 0))
	// DNS over UDP after a destination-options header of 16 bytes.
	options := append([]byte{17, 1}, make([]byte, 14)...)
	dns := ipv6Frame(60, append(options, 0x9c, 0x40, 0, 53, 0, 8, 0, 0))
	// The second fragment of a UDP datagram: no ports to read.
	later := ipv6Frame(44, []byte{17, 0, 0x05, 0xa8, 0, 0, 0, 1, 0, 53, 0, 53})
	// A hop-by-hop header that says it is longer than the packet.
	cut := ipv6Frame(0, []byte{58, 9, 0, 0})
	cases := []struct {
		filter string
		want   []bool // mld, dns, later, cut
	}{
		{"icmp", []bool{true, false, false, true}},
		{"udp", []bool{false, true, true, false}},
		{"port 53", []bool{false, true, false, false}},
		{"dns", []bool{false, true, false, false}},
	}
	for _, c := range cases {
		match, err := parseFilter(c.filter)
		if err != nil {
			t.Fatal(err)
		}
		for i, frame := range [][]byte{mld, dns, later, cut} {
			decoded := decodeForFilter(frame)
			if got := match(&decoded); got != c.want[i] {
				t.Fatalf("%q on packet %d: %v (decoded %+v)", c.filter, i, got, decoded)
			}
		}
	}
	// A chain longer than any real packet's ends the walk without a transport.
	chain := []byte{}
	for i := 0; i < maxIPv6ExtensionHeaders+1; i++ {
		chain = append(chain, 60, 0, 0, 0, 0, 0, 0, 0)
	}
	if decoded := decodeForFilter(ipv6Frame(60, append(chain, 0, 53, 0, 53))); decoded.sourcePort != -1 {
		t.Fatalf("read ports past %d extension headers", maxIPv6ExtensionHeaders)
	}
}

func ipv6Frame(nextHeader byte, rest []byte) []byte {
	frame := append(make([]byte, 12), 0x86, 0xdd)
	header := make([]byte, 40)
	header[0], header[6], header[7] = 0x60, nextHeader, 1
	copy(header[8:24], net.ParseIP("fd00::2"))
	copy(header[24:40], net.ParseIP("ff02::16"))
	return append(append(frame, header...), rest...)
}

func ipv4Frame(protocol byte, source, target string, transport []byte) []byte {
	frame := append(make([]byte, 12), 0x08, 0x00)
	header := make([]byte, 20)
	header[0], header[9] = 0x45, protocol
	copy(header[12:16], net.ParseIP(source).To4())
	copy(header[16:20], net.ParseIP(target).To4())
	return append(append(frame, header...), transport...)
}

func FuzzFilter(f *testing.F) {
	f.Add("port 53 or (host ::1 and not tcp)", []byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, text string, frame []byte) {
		if match, err := parseFilter(text); err == nil {
			decoded := decodeForFilter(frame)
			match(&decoded)
		}
	})
}

// An underlay capture runs where the helper runs (the host's namespace) and sees VXLAN alone: of two UDP
// datagrams sent over loopback, to port 4789 and to 4790, only the first is captured. It takes no filter.
func TestUnderlayCaptureTakesOnlyVXLAN(t *testing.T) {
	helper := &Helper{out: bufio.NewWriter(&lockedBuffer{})}
	for _, params := range []string{
		`{"captureId":11,"ifname":"lo","filter":"tcp"}`,
		`{"captureId":11,"ifname":"a/b"}`,
		`{"captureId":11,"ifname":"nope0"}`,
		`{"captureId":0,"ifname":"lo"}`,
		`{"captureId":11,"ifname":"lo","pid":1}`,
	} {
		if _, err := methodCaptureUnderlay(helper, []byte(params)); err == nil {
			t.Fatalf("accepted %s", params)
		}
	}
	out := &lockedBuffer{}
	helper = &Helper{out: bufio.NewWriter(out)}
	if _, err := methodCaptureUnderlay(helper, []byte(`{"captureId":12,"ifname":"lo","count":1}`)); err != nil {
		t.Fatal(err)
	}
	for _, port := range []int{4790, 4789} {
		conn, err := net.Dial("udp", fmt.Sprintf("127.0.0.1:%d", port))
		if err != nil {
			t.Fatal(err)
		}
		conn.Write([]byte("vxlan?"))
		conn.Close()
		time.Sleep(50 * time.Millisecond)
	}
	batch := waitForEvent(t, out, "capturePackets")
	packets := batch["packets"].([]interface{})
	frame, _ := base64.StdEncoding.DecodeString(packets[0].(map[string]interface{})["data"].(string))
	// Loopback frames carry an Ethernet header of zeros: the UDP destination port sits at 14 + 20 + 2.
	if len(packets) != 1 || len(frame) < 38 || binary.BigEndian.Uint16(frame[36:38]) != 4789 {
		t.Fatalf("want the one datagram to 4789, got %d packets, first %x", len(packets), frame)
	}
	if end := waitForEvent(t, out, "captureEnd"); end["reason"] != "count" {
		t.Fatalf("end %+v", end)
	}
}
