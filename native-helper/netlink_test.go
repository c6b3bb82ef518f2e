package main

// These tests read a real network namespace that they make themselves with
// iproute2 (tests may run programs; the helper itself never does), and
// compare the helper's view with `ip -j link` ground truth.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
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

func TestWireAndUnwireAsTheSeedDoes(t *testing.T) {
	pid, names := scratchNamespace(t)
	run(t, "ip", "addr", "add", "10.251.0.1/24", "dev", names["bridge"])
	run(t, "ip", "link", "set", names["bridge"], "up")
	host := "dwtw" + strconv.Itoa(os.Getpid()%100000)
	t.Cleanup(func() { exec.Command("ip", "link", "del", host).Run() })
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	params := fmt.Sprintf(`{"wireId":1,"pid":%d,"container":%q,"bridge":%q,"hostIfname":%q,"containerIfname":"eth7","address":"10.251.0.9/24","gateway":"10.251.0.1","mtu":1400}`, pid, testContainer, names["bridge"], host)
	if _, err := methodWire(helper, []byte(params)); err != nil {
		t.Fatal(err)
	}
	hostLink := groundTruth(t, "ip")[host]
	if hostLink.Master != names["bridge"] || hostLink.MTU != 1400 {
		t.Fatalf("host end: %+v", hostLink)
	}
	inside := run(t, "ip", "netns", "exec", names["ns"], "ip", "-4", "-o", "addr", "show", "eth7")
	if !strings.Contains(inside, "10.251.0.9/24") {
		t.Fatalf("container end: %s", inside)
	}
	if route := run(t, "ip", "netns", "exec", names["ns"], "ip", "route", "show", "default"); !strings.Contains(route, "via 10.251.0.1 dev eth7") {
		t.Fatalf("default route: %s", route)
	}
	// The same host name again: step 1 fails and nothing is left behind.
	if _, err := methodWire(helper, []byte(strings.Replace(params, "eth7", "eth8", 1))); err == nil || !strings.Contains(err.Error(), "step 1 failed") {
		t.Fatalf("expected step 1 to fail, got %v", err)
	}
	// Not the container's own link: refused, and left alone.
	if _, err := methodUnwire(helper, []byte(fmt.Sprintf(`{"pid":%d,"container":%q,"hostIfname":%q}`, pid, testContainer, names["bridge"]))); err == nil || !strings.Contains(err.Error(), "not a veth") {
		t.Fatalf("unwire of the bridge: %v", err)
	}
	if _, err := methodUnwire(helper, []byte(fmt.Sprintf(`{"pid":%d,"container":%q,"hostIfname":%q}`, pid, testContainer, host))); err != nil {
		t.Fatal(err)
	}
	if _, still := groundTruth(t, "ip")[host]; still {
		t.Fatal("host end still there after unwire")
	}
	if out, _ := exec.Command("ip", "netns", "exec", names["ns"], "ip", "link", "show", "eth7").CombinedOutput(); !strings.Contains(string(out), "does not exist") {
		t.Fatalf("container end still there: %s", out)
	}
}

func TestWireUndoesWhenAStepFails(t *testing.T) {
	pid, names := scratchNamespace(t)
	host := "dwtu" + strconv.Itoa(os.Getpid()%100000)
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	// The container-side name is taken inside the namespace: step 5 (rename) fails after the pair was made and moved.
	params := fmt.Sprintf(`{"wireId":2,"pid":%d,"container":%q,"bridge":%q,"hostIfname":%q,"containerIfname":%q,"address":"10.250.0.9/24"}`, pid, testContainer, names["bridge"], host, names["peer"])
	_, err := methodWire(helper, []byte(params))
	if err == nil || !strings.Contains(err.Error(), "step 5 failed") || !strings.Contains(err.Error(), "deleted the veth pair") {
		t.Fatalf("expected step 5 to fail and be undone, got %v", err)
	}
	if links := run(t, "ip", "netns", "exec", names["ns"], "ip", "-o", "link"); strings.Contains(links, "dwp") {
		t.Fatalf("container end left behind: %s", links)
	}
	if _, still := groundTruth(t, "ip")[host]; still {
		t.Fatal("host end left behind")
	}
}

func TestWireRefusesAnythingButABridgeAndAStalePid(t *testing.T) {
	pid, names := scratchNamespace(t)
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	onVeth := fmt.Sprintf(`{"wireId":3,"pid":%d,"container":%q,"bridge":%q,"hostIfname":"dwtx0","containerIfname":"eth9","address":"10.250.0.9/24"}`, pid, testContainer, names["host"])
	if _, err := methodWire(helper, []byte(onVeth)); err == nil || !strings.Contains(err.Error(), "is not a Linux bridge (it is a veth)") {
		t.Fatalf("wire onto a veth: %v", err)
	}
	otherContainer := strings.Replace(onVeth, testContainer, strings.Repeat("0", 64), 1)
	if _, err := methodWire(helper, []byte(otherContainer)); err == nil || !strings.Contains(err.Error(), "is not the init of container") {
		t.Fatalf("wire with a pid of another container: %v", err)
	}
	if _, still := groundTruth(t, "ip")["dwtx0"]; still {
		t.Fatal("a refused wiring left a link")
	}
}

func TestUnwireRefusesAVethWhoseOtherEndIsNotInTheContainer(t *testing.T) {
	pid, _ := scratchNamespace(t)
	host := "dwto" + strconv.Itoa(os.Getpid()%100000)
	run(t, "ip", "link", "add", host, "type", "veth", "peer", "name", host+"p")
	t.Cleanup(func() { exec.Command("ip", "link", "del", host).Run() })
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	_, err := methodUnwire(helper, []byte(fmt.Sprintf(`{"pid":%d,"container":%q,"hostIfname":%q}`, pid, testContainer, host)))
	if err == nil || !strings.Contains(err.Error(), "not in that container") {
		t.Fatalf("got %v", err)
	}
	if _, still := groundTruth(t, "ip")[host]; !still {
		t.Fatal("the refused veth was deleted")
	}
}

// openFds counts this process's open file descriptors.
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

// A process in the host's own namespace standing in for a container (as one run with --network host is):
// wiring into it would change the host, so it is refused and nothing is made.
func TestWireRefusesAContainerOnTheHostsNamespace(t *testing.T) {
	_, names := scratchNamespace(t)
	sleeper := exec.Command("sleep", "60")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sleeper.Process.Kill(); sleeper.Wait() })
	previous := belongsTo
	belongsTo = func(pid int, container string) (bool, string) { return pid == sleeper.Process.Pid, "not the sleeper" }
	t.Cleanup(func() { belongsTo = previous })
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	params := fmt.Sprintf(`{"wireId":4,"pid":%d,"container":%q,"bridge":%q,"hostIfname":"dwth0","containerIfname":"eth9","address":"10.250.0.9/24"}`, sleeper.Process.Pid, testContainer, names["bridge"])
	if _, err := methodWire(helper, []byte(params)); err == nil || !strings.Contains(err.Error(), "uses the host's network namespace") {
		t.Fatalf("wire into the host's namespace: %v", err)
	}
	if _, still := groundTruth(t, "ip")["dwth0"]; still {
		t.Fatal("a refused wiring left a link")
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
