package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"
)

// A namespace pinged from inside it, across its veth to the host's end on the bridge: both hops see the
// marked requests and the replies, and the probe is answered.
func TestTraceSeesTheProbeAndItsAnswerAtEveryHop(t *testing.T) {
	pid, names := scratchNamespace(t)
	run(t, "ip", "addr", "add", "10.250.0.1/24", "dev", names["bridge"])
	run(t, "ip", "link", "set", names["bridge"], "up")
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	params := fmt.Sprintf(`{"source":{"pid":%d,"container":%q},"destination":"10.250.0.1","proto":"icmp","hops":[{"target":{"pid":%d,"container":%q},"ifname":%q},{"ifname":%q}],"timeoutMs":1500}`,
		pid, testContainer, pid, testContainer, names["peer"], names["host"])
	answer, err := methodTrace(helper, []byte(params))
	if err != nil {
		t.Fatal(err)
	}
	result := answer.(TraceResult)
	if result.Outcome != "replied" || result.RouteIfname != names["peer"] || len(result.Hops) != 2 {
		t.Fatalf("got %+v", result)
	}
	for _, hop := range result.Hops {
		if hop.Error != "" || hop.Requests != traceProbes || hop.Replies != traceProbes {
			t.Fatalf("hop %s: %+v", hop.Ifname, hop)
		}
	}
	if result.Hops[1].Packets[0].Src != "10.250.0.2" || result.Hops[1].Packets[0].Dst != "10.250.0.1" {
		t.Fatalf("first packet on the host end: %+v", result.Hops[1].Packets[0])
	}
}

// Nowhere to send it: no packet leaves, and the trace says the source has no route.
func TestTraceWithNoRouteSendsNothing(t *testing.T) {
	pid, names := scratchNamespace(t)
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	params := fmt.Sprintf(`{"source":{"pid":%d,"container":%q},"destination":"10.99.99.99","proto":"tcp","port":80,"hops":[{"target":{"pid":%d,"container":%q},"ifname":%q}],"timeoutMs":500}`,
		pid, testContainer, pid, testContainer, names["peer"])
	answer, err := methodTrace(helper, []byte(params))
	if err != nil {
		t.Fatal(err)
	}
	result := answer.(TraceResult)
	if result.Outcome != "no-route" || result.Sent != 0 || result.Hops[0].Requests != 0 || !strings.Contains(result.Detail, "no route") {
		t.Fatalf("got %+v", result)
	}
}

func TestTraceRefusesBadRequests(t *testing.T) {
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	for _, params := range []string{
		`{"destination":"not-an-ip","proto":"icmp","hops":[{"ifname":"lo"}]}`,
		`{"destination":"10.0.0.1","proto":"sctp","hops":[{"ifname":"lo"}]}`,
		`{"destination":"10.0.0.1","proto":"tcp","hops":[{"ifname":"lo"}]}`,
		`{"destination":"10.0.0.1","proto":"icmp","hops":[]}`,
		`{"destination":"10.0.0.1","proto":"icmp","hops":[{"ifname":"lo"}],"timeoutMs":60000}`,
	} {
		if _, err := methodTrace(helper, []byte(params)); err == nil {
			t.Fatalf("accepted %s", params)
		}
	}
}

func FuzzMatchTraceFrame(f *testing.F) {
	f.Add([]byte{}, uint16(40000))
	f.Fuzz(func(t *testing.T, frame []byte, marker uint16) {
		for _, proto := range []string{"icmp", "tcp", "udp"} {
			matchTraceFrame(frame, proto, marker)
		}
	})
}
