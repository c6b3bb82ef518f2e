package main

import (
	"encoding/json"
	"fmt"
	"testing"
)

// Counters read in a namespace agree with `ip -s -j link` there, and grow by what a ping sent.
func TestCountersOfANamespaceGrowWithTraffic(t *testing.T) {
	pid, names := scratchNamespace(t)
	run(t, "ip", "addr", "add", "10.250.0.1/24", "dev", names["bridge"])
	run(t, "ip", "link", "set", names["bridge"], "up")
	read := func() Counters {
		result, err := methodCounters(nil, []byte(fmt.Sprintf(`{"targets":[{"pid":%d,"container":%q}]}`, pid, testContainer)))
		if err != nil {
			t.Fatal(err)
		}
		namespace := result.(CountersResult).Namespaces[0]
		index := groundTruth(t, "ip", "netns", "exec", names["ns"], "ip")[names["peer"]].Ifindex
		for _, link := range namespace.Links {
			if link.Ifindex == index {
				return link.Counters
			}
		}
		t.Fatalf("no %s in %+v", names["peer"], namespace)
		return Counters{}
	}
	before := read()
	run(t, "ip", "netns", "exec", names["ns"], "busybox", "ping", "-c", "3", "-i", "0.2", "-s", "1000", "10.250.0.1")
	// Ground truth just before and just after the helper's read: a stray packet (IPv6 neighbour discovery on
	// the new links) may land between any two reads, so the helper's counts lie between ip's two.
	truthBefore := groundTruthStats(t, names["ns"], names["peer"])
	after := read()
	truthAfter := groundTruthStats(t, names["ns"], names["peer"])
	if after.TxPackets-before.TxPackets < 3 || after.TxBytes-before.TxBytes < 3*1000 || after.RxPackets-before.RxPackets < 3 {
		t.Fatalf("before %+v after %+v", before, after)
	}
	between := func(low, value, high uint64) bool { return low <= value && value <= high }
	if !between(truthBefore.TxPackets, after.TxPackets, truthAfter.TxPackets) || !between(truthBefore.RxBytes, after.RxBytes, truthAfter.RxBytes) {
		t.Fatalf("helper %+v, ip before %+v and after %+v", after, truthBefore, truthAfter)
	}
	if _, err := methodCounters(nil, []byte(`{"targets":[{"pid":1,"container":"x"}]}`)); err == nil {
		t.Fatal("a malformed container id was accepted")
	}
	// Only the host links asked for, by ifindex.
	hostIndex := groundTruth(t, "ip")[names["host"]].Ifindex
	result, err := methodCounters(nil, []byte(fmt.Sprintf(`{"targets":[],"host":[%d]}`, hostIndex)))
	if err != nil {
		t.Fatal(err)
	}
	if host := result.(CountersResult).Host; len(host) != 1 || host[0].Ifindex != hostIndex || host[0].RxPackets < 3 {
		t.Fatalf("host %+v", host)
	}
}

func groundTruthStats(t *testing.T, namespace, name string) Counters {
	var links []struct {
		Stats64 struct {
			Rx struct {
				Bytes, Packets, Dropped uint64
			} `json:"rx"`
			Tx struct {
				Bytes, Packets, Dropped uint64
			} `json:"tx"`
		} `json:"stats64"`
	}
	if err := json.Unmarshal([]byte(run(t, "ip", "netns", "exec", namespace, "ip", "-s", "-j", "link", "show", name)), &links); err != nil || len(links) != 1 {
		t.Fatalf("ip -s -j link: %v", err)
	}
	s := links[0].Stats64
	return Counters{RxBytes: s.Rx.Bytes, TxBytes: s.Tx.Bytes, RxPackets: s.Rx.Packets, TxPackets: s.Tx.Packets, RxDropped: s.Rx.Dropped, TxDropped: s.Tx.Dropped}
}
