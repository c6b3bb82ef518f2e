package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// aliasOf reads a link's alias as ip(8) shows it ("" when it has none).
func aliasOf(t *testing.T, name string) string {
	out := run(t, "ip", "-o", "link", "show", name)
	if i := strings.Index(out, "alias "); i >= 0 {
		return strings.TrimSpace(strings.SplitN(out[i+len("alias "):], "\\", 2)[0])
	}
	return ""
}

func linkExists(name string) bool {
	_, err := os.Stat("/sys/class/net/" + name)
	return err == nil
}

func TestAFinishedWiringLeavesNoJournalEntry(t *testing.T) {
	pid, names := scratchNamespace(t)
	host := "dwtj" + strconv.Itoa(os.Getpid()%100000)
	t.Cleanup(func() { exec.Command("ip", "link", "del", host).Run() })
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	params := fmt.Sprintf(`{"wireId":5,"pid":%d,"container":%q,"bridge":%q,"hostIfname":%q,"containerIfname":"eth6","address":"10.250.0.6/24"}`, pid, testContainer, names["bridge"], host)
	if _, err := methodWire(helper, []byte(params)); err != nil {
		t.Fatal(err)
	}
	if alias := aliasOf(t, host); alias != "" {
		t.Fatalf("a finished wiring is still journalled: %q", alias)
	}
	// A sweep leaves it alone (it may undo others: anything a helper killed midway left on this host).
	if swept, err := sweepUnfinishedWires(); err != nil || undid(swept, host) || !linkExists(host) {
		t.Fatalf("swept %v, %v", swept, err)
	}
}

// undid says whether a sweep deleted the link of this name.
func undid(swept SweepResult, name string) bool {
	for _, undone := range swept.Undone {
		if undone == name {
			return true
		}
	}
	return false
}

// A helper killed midway leaves its alias on the host end: the next helper's sweep deletes that pair, and only
// pairs whose writer is gone (a live helper may be wiring right now).
func TestSweepUndoesOnlyWiringsWhoseHelperIsGone(t *testing.T) {
	_, names := scratchNamespace(t)
	suffix := strconv.Itoa(os.Getpid() % 100000)
	orphan, live := "dwto"+suffix, "dwtl"+suffix
	gone := exec.Command("true")
	gone.Run() // a process that was, and is no more
	for name, alias := range map[string]string{
		orphan: fmt.Sprintf("%s%d %d", wiringAliasPrefix, gone.Process.Pid, 123456),
		live:   wiringAlias(),
	} {
		name := name // each cleanup deletes its own link (Go 1.19 shares the loop's variable)
		run(t, "ip", "link", "add", name, "type", "veth", "peer", "name", name+"p")
		t.Cleanup(func() { exec.Command("ip", "link", "del", name).Run() })
		run(t, "ip", "link", "set", name, "master", names["bridge"])
		run(t, "ip", "link", "set", name, "alias", alias)
	}
	swept, err := sweepUnfinishedWires()
	if err != nil {
		t.Fatal(err)
	}
	if !undid(swept, orphan) || undid(swept, live) || linkExists(orphan) || linkExists(orphan+"p") {
		t.Fatalf("swept %v; %s still there: %v", swept.Undone, orphan, linkExists(orphan))
	}
	if !linkExists(live) {
		t.Fatal("the sweep deleted a wiring whose helper is alive")
	}
}

// A wiring reported as failed must not go on: past its deadline, the rest is not run and what was done is undone.
func TestAWiringPastItsDeadlineIsUndoneNotLeftRunning(t *testing.T) {
	pid, names := scratchNamespace(t)
	previous := wireDeadline
	wireDeadline = time.Nanosecond
	t.Cleanup(func() { wireDeadline = previous })
	host := "dwtd" + strconv.Itoa(os.Getpid()%100000)
	t.Cleanup(func() { exec.Command("ip", "link", "del", host).Run() })
	helper := &Helper{out: bufio.NewWriter(io.Discard), watcher: newWatcher(func(Event) {})}
	params := fmt.Sprintf(`{"wireId":6,"pid":%d,"container":%q,"bridge":%q,"hostIfname":%q,"containerIfname":"eth6","address":"10.250.0.6/24"}`, pid, testContainer, names["bridge"], host)
	_, err := methodWire(helper, []byte(params))
	if err == nil || !strings.Contains(err.Error(), "step 1 failed: the wiring took longer than") || !strings.Contains(err.Error(), "deleted the veth pair") {
		t.Fatalf("got %v", err)
	}
	if linkExists(host) {
		t.Fatal("the host end is still there")
	}
}
