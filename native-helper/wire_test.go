package main

// Wiring by hand (the seed's veth pair, bridge, address and route) on a scratch namespace the tests make
// themselves (netlink_test.go): what it makes, what it undoes when a step fails, and what it refuses.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

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
