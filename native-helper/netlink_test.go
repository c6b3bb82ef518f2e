package main

// These tests read a real network namespace that they make themselves with
// iproute2 (tests may run programs; the helper itself never does), and
// compare the helper's view with `ip -j link` ground truth.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

type ipLink struct {
	Ifindex int    `json:"ifindex"`
	Ifname  string `json:"ifname"`
	Address string `json:"address"`
	MTU     int    `json:"mtu"`
	Master  string `json:"master"`
	Link    string `json:"link"`
}

func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	return string(out)
}

// scratchNamespace makes a namespace with a process in it, a bridge and a veth
// pair between them, and removes it all when the test ends.
func scratchNamespace(t *testing.T) (pid int, names map[string]string) {
	if os.Geteuid() != 0 {
		t.Fatal("netlink tests need root (they create network namespaces)")
	}
	suffix := strconv.Itoa(os.Getpid() % 100000)
	names = map[string]string{"ns": "dwt" + suffix, "bridge": "dwtbr" + suffix, "host": "dwth" + suffix, "peer": "dwtc" + suffix}
	run(t, "ip", "netns", "add", names["ns"])
	t.Cleanup(func() {
		exec.Command("ip", "link", "del", names["host"]).Run()
		exec.Command("ip", "link", "del", names["bridge"]).Run()
		exec.Command("ip", "netns", "del", names["ns"]).Run()
	})
	run(t, "ip", "link", "add", names["bridge"], "type", "bridge")
	run(t, "ip", "link", "add", names["host"], "type", "veth", "peer", "name", names["peer"], "netns", names["ns"])
	run(t, "ip", "link", "set", names["host"], "master", names["bridge"], "up")
	run(t, "ip", "netns", "exec", names["ns"], "ip", "addr", "add", "10.250.0.2/24", "dev", names["peer"])
	run(t, "ip", "netns", "exec", names["ns"], "ip", "link", "set", names["peer"], "up")
	sleeper := exec.Command("ip", "netns", "exec", names["ns"], "sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sleeper.Process.Kill(); sleeper.Wait() })
	// ip netns exec execs sleep in place: same pid, once it has entered the namespace.
	for i := 0; i < 50; i++ {
		own, _ := os.Readlink("/proc/self/ns/net")
		theirs, _ := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", sleeper.Process.Pid))
		if theirs != "" && theirs != own {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return sleeper.Process.Pid, names
}

func groundTruth(t *testing.T, args ...string) map[string]ipLink {
	var links []ipLink
	if err := json.Unmarshal([]byte(run(t, append(args, "-j", "link")...)), &links); err != nil {
		t.Fatal(err)
	}
	byName := map[string]ipLink{}
	for _, link := range links {
		byName[link.Ifname] = link
	}
	return byName
}

func TestHostLinksMatchIpLink(t *testing.T) {
	_, names := scratchNamespace(t)
	links, err := dumpLinks()
	if err != nil {
		t.Fatal(err)
	}
	truth := groundTruth(t, "ip")
	byName := map[string]Link{}
	for _, link := range links {
		byName[link.Name] = link
		want, ok := truth[link.Name]
		if !ok {
			continue // a link that came or went between the two reads
		}
		if link.Ifindex != want.Ifindex || link.MAC != want.Address || link.MTU != want.MTU {
			t.Errorf("%s: helper %d %s %d, ip %d %s %d", link.Name, link.Ifindex, link.MAC, link.MTU, want.Ifindex, want.Address, want.MTU)
		}
	}
	bridge, veth := byName[names["bridge"]], byName[names["host"]]
	if bridge.Kind != "bridge" || veth.Kind != "veth" {
		t.Fatalf("kinds: bridge %q veth %q", bridge.Kind, veth.Kind)
	}
	if veth.Master == nil || *veth.Master != bridge.Ifindex {
		t.Fatalf("veth master %v, want bridge %d", veth.Master, bridge.Ifindex)
	}
	if !veth.Up {
		t.Fatal("veth should be up")
	}
}

func TestNamespacePairsWithHostVethByIfindexAndNsid(t *testing.T) {
	pid, names := scratchNamespace(t)
	namespace, err := readNamespace(pid)
	if err != nil {
		t.Fatal(err)
	}
	host, err := dumpLinks()
	if err != nil {
		t.Fatal(err)
	}
	var peer, veth Link
	for _, link := range namespace.Links {
		if link.Name == names["peer"] {
			peer = link
		}
	}
	for _, link := range host {
		if link.Name == names["host"] {
			veth = link
		}
	}
	truth := groundTruth(t, "ip", "netns", "exec", names["ns"], "ip")[names["peer"]]
	if peer.Ifindex != truth.Ifindex || peer.MAC != truth.Address {
		t.Fatalf("peer: helper %d %s, ip %d %s", peer.Ifindex, peer.MAC, truth.Ifindex, truth.Address)
	}
	if peer.PeerIfindex == nil || *peer.PeerIfindex != veth.Ifindex || veth.PeerIfindex == nil || *veth.PeerIfindex != peer.Ifindex {
		t.Fatalf("veth pair not reciprocal: peer %+v veth %+v", peer.PeerIfindex, veth.PeerIfindex)
	}
	if veth.LinkNetnsid == nil || *veth.LinkNetnsid != namespace.Nsid || namespace.Nsid < 0 {
		t.Fatalf("host veth netnsid %v, namespace nsid %d", veth.LinkNetnsid, namespace.Nsid)
	}
	ipv4 := []Address{}
	for _, address := range peer.Addresses {
		if address.Family == "inet" {
			ipv4 = append(ipv4, address)
		}
	}
	if len(ipv4) != 1 || ipv4[0].Address != "10.250.0.2" || ipv4[0].Prefixlen != 24 {
		t.Fatalf("addresses %+v", peer.Addresses)
	}
	found := false
	for _, route := range namespace.Routes {
		if route.Destination == "10.250.0.0/24" && route.Ifindex == peer.Ifindex {
			found = true
		}
	}
	if !found {
		t.Fatalf("no connected route for 10.250.0.0/24 in %+v", namespace.Routes)
	}
}

func TestWatchReportsLinkChanges(t *testing.T) {
	_, names := scratchNamespace(t)
	events := make(chan Event, 64)
	w := newWatcher(func(e Event) { events <- e })
	if _, failed := w.watch(nil); len(failed) > 0 {
		t.Fatalf("watch failed: %v", failed)
	}
	run(t, "ip", "link", "set", names["host"], "down")
	deadline := time.After(2 * time.Second)
	for {
		select {
		case event := <-events:
			data := event.Data.(map[string]interface{})
			if data["kind"] == "link" && data["ifname"] == names["host"] {
				return
			}
		case <-deadline:
			t.Fatal("no link event within 2 s")
		}
	}
}
