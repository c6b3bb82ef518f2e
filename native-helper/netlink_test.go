package main

// These tests read a real network namespace that they make themselves with
// iproute2 (tests may run programs; the helper itself never does), and
// compare the helper's view with `ip -j link` ground truth.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testContainer is the container id the scratch namespace's process answers to.
const testContainer = "7e57000000000000000000000000000000000000000000000000000000000000"

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
	// The sleeper stands in for a container's init: it "belongs" to testContainer.
	previous := belongsTo
	belongsTo = func(pid int, container string) (bool, string) {
		return pid == sleeper.Process.Pid && container == testContainer, "not the test's sleeper"
	}
	t.Cleanup(func() { belongsTo = previous })
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
	command := append(args, "-j", "link")
	// On a host of thousands of links a dump spans many datagrams, and a change meanwhile (this test's own
	// links coming up) makes the kernel flag it: ip then warns on stderr. Ground truth is a dump that was not cut.
	for attempt := 0; ; attempt++ {
		var stderr strings.Builder
		cmd := exec.Command(command[0], command[1:]...)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v\n%s", command, err, stderr.String())
		}
		if strings.Contains(stderr.String(), "Dump was interrupted") && attempt < 10 {
			continue
		}
		if err := json.Unmarshal(out, &links); err != nil {
			t.Fatalf("%v: %v\n%.300s", command, err, out)
		}
		break
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

// What changed on the host is read by ifindex alone: the same links as a whole dump says, with their own
// addresses and no other link's, and a link deleted meanwhile is simply absent.
func TestChangedHostLinksAreReadByIfindex(t *testing.T) {
	_, names := scratchNamespace(t)
	run(t, "ip", "addr", "add", "10.251.0.1/24", "dev", names["bridge"])
	gone := "dwtgone" + strconv.Itoa(os.Getpid()%100000)
	run(t, "ip", "link", "add", gone, "type", "veth", "peer", "name", gone+"p")
	goneIndex := groundTruth(t, "ip")[gone].Ifindex
	run(t, "ip", "link", "del", gone)
	all, err := dumpLinks()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Link{}
	for _, link := range all {
		byName[link.Name] = link
	}
	bridge, veth := byName[names["bridge"]], byName[names["host"]]
	read, err := linksByIfindex([]int{veth.Ifindex, goneIndex, bridge.Ifindex})
	if err != nil {
		t.Fatal(err)
	}
	first, second := bridge.Ifindex, veth.Ifindex
	if first > second {
		first, second = second, first
	}
	if len(read) != 2 || read[0].Ifindex != first || read[1].Ifindex != second {
		t.Fatalf("read %+v, want the bridge %d and the veth %d in ifindex order", read, bridge.Ifindex, veth.Ifindex)
	}
	for _, link := range read {
		want := byName[link.Name]
		link.Stats, want.Stats = nil, nil // counters move between the two reads
		if !reflect.DeepEqual(link, want) {
			t.Errorf("by ifindex %+v\nin the dump %+v", link, want)
		}
	}
	inet := []string{}
	readBridge := read[0]
	if readBridge.Name != names["bridge"] {
		readBridge = read[1]
	}
	for _, address := range readBridge.Addresses {
		if address.Family == "inet" {
			inet = append(inet, fmt.Sprintf("%s/%d", address.Address, address.Prefixlen))
		}
	}
	if !reflect.DeepEqual(inet, []string{"10.251.0.1/24"}) {
		t.Fatalf("the bridge's IPv4 addresses %v, want only its own 10.251.0.1/24", inet)
	}
}

// Read many at once (as a snapshot does, 8 readers), a container's veth to the host is never taken for a
// link into some other namespace: the host is the helper's own namespace whichever thread asks, even when
// a reader holds the main thread inside a container's namespace.
func TestConcurrentReadsNeverTakeTheHostForAPeerNamespace(t *testing.T) {
	pid, _ := scratchNamespace(t)
	reads := make([]Namespace, 400)
	forEachConcurrently(len(reads), func(index int) { reads[index] = readTarget(Target{Pid: pid, Container: testContainer}) })
	for index, read := range reads {
		if read.Error != "" || len(read.PeerNamespaces) > 0 {
			t.Fatalf("read %d of %d: error %q, peer namespaces %d (the host's links read as a peer's)", index, len(reads), read.Error, len(read.PeerNamespaces))
		}
	}
}

func TestNamespacePairsWithHostVethByIfindexAndNsid(t *testing.T) {
	pid, names := scratchNamespace(t)
	namespace, err := readNamespace(Target{Pid: pid, Container: testContainer})
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
			data := event.Data.(NetlinkChange)
			if data.Kind == "link" && data.Ifname == names["host"] {
				return
			}
		case <-deadline:
			t.Fatal("no link event within 2 s")
		}
	}
}

func openFds(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// The watcher must let go of a namespace it stops watching: its socket is what keeps a
// stopped container's namespace, and the veth into it, alive.
func TestUnwatchingReleasesTheNamespaceAndItsVeth(t *testing.T) {
	pid, names := scratchNamespace(t)
	w := newWatcher(func(Event) {})
	w.watch(nil) // the host subscription and the epoll set, opened once
	baseline := openFds(t)
	if watching, failed := w.watch([]Target{{Pid: pid, Container: testContainer}}); len(failed) > 0 || len(watching) != 2 {
		t.Fatalf("watching %v, failed %v", watching, failed)
	}
	if openFds(t) != baseline+1 {
		t.Fatalf("one namespace watched: %d fds, baseline %d", openFds(t), baseline)
	}
	// The "container" stops: its process and its name go; only the watcher's socket still holds the namespace.
	exec.Command("ip", "netns", "del", names["ns"]).Run()
	syscall.Kill(pid, syscall.SIGKILL)
	time.Sleep(200 * time.Millisecond)
	if _, still := groundTruth(t, "ip")[names["host"]]; !still {
		t.Fatal("expected the watched namespace (and its veth) to be held while watched")
	}
	w.watch(nil)
	deadline := time.Now().Add(3 * time.Second)
	for {
		_, held := groundTruth(t, "ip")[names["host"]]
		open, retiring := w.counts()
		if !held && open == 1 && retiring == 0 && openFds(t) == baseline {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after unwatching: veth held %v, subscriptions %d (+%d retiring), fds %d (baseline %d)", held, open, retiring, openFds(t), baseline)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Work is bound to the namespace opened, not to the pid: once opened, the request reads that namespace
// even after its process has gone (and its pid could be anyone's).
func TestAnOpenedNamespaceOutlivesItsPid(t *testing.T) {
	pid, names := scratchNamespace(t)
	ns, err := Target{Pid: pid, Container: testContainer}.open()
	if err != nil {
		t.Fatal(err)
	}
	defer ns.Close()
	syscall.Kill(pid, syscall.SIGKILL)
	// Dead (a zombie until the test's cleanup reaps it): its namespace link is gone from /proc.
	for i := 0; i < 100; i++ {
		if _, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", pid)); err != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	var links []Link
	if err := ns.run(func() (err error) { links, err = dumpLinks(); return }); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, link := range links {
		found = found || link.Name == names["peer"]
	}
	if !found {
		t.Fatalf("want the scratch namespace's links, got %+v", links)
	}
	// Opened afresh by the gone pid, it is refused.
	if _, err := (Target{Pid: pid, Container: testContainer}).open(); err == nil {
		t.Fatal("a gone pid was opened")
	}
}

// A container with NET_ADMIN can add routes without end: its namespace is read as far as the bound and
// says what was cut; the read stays quick and small.
func TestANamespaceWithThousandsOfRoutesIsReadBoundedAndSaysSo(t *testing.T) {
	pid, names := scratchNamespace(t)
	var batch strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&batch, "route add 10.%d.%d.0/24 dev %s\n", 100+i/256, i%256, names["peer"])
	}
	command := exec.Command("ip", "-n", names["ns"], "-batch", "-")
	command.Stdin = strings.NewReader(batch.String())
	if out, err := command.CombinedOutput(); err != nil {
		t.Fatalf("ip -batch: %v\n%s", err, out)
	}
	var namespace Namespace
	var err error
	elapsed, allocated := measure(func() { namespace, err = readNamespace(Target{Pid: pid, Container: testContainer}) })
	if err != nil {
		t.Fatal(err)
	}
	if len(namespace.Routes) > namespaceBounds.routes || len(namespace.Truncated) != 2 || !strings.Contains(namespace.Truncated[0], "inet routes: more than 512") || !strings.Contains(namespace.Truncated[1], "inet6 routes: not read") {
		t.Fatalf("got %d routes, truncated %v", len(namespace.Routes), namespace.Truncated)
	}
	if len(namespace.Links) < 2 {
		t.Fatalf("the links were not read: %+v", namespace.Links)
	}
	if elapsed > time.Second || allocated > 16<<20 {
		t.Fatalf("took %v and allocated %d bytes", elapsed, allocated)
	}
}
