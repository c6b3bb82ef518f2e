package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseArgs(t *testing.T) {
	for _, c := range []struct {
		args []string
		mode string
		idle time.Duration
		bad  bool
	}{
		{nil, modeServe, 0, false},
		{[]string{"--keep", "300"}, modeKeep, 300 * time.Second, false},
		{[]string{"--kept", "1"}, modeKept, time.Second, false},
		{[]string{"--keep", "0"}, "", 0, true},
		{[]string{"--keep", "86401"}, "", 0, true},
		{[]string{"--keep", "-5"}, "", 0, true},
		{[]string{"--keep", "1e3"}, "", 0, true},
		{[]string{"--keep"}, "", 0, true},
		{[]string{"--kept", "3", "x"}, "", 0, true},
		{[]string{"/bin/sh"}, "", 0, true},
	} {
		mode, idle, err := parseArgs(c.args)
		if c.bad {
			if err == nil {
				t.Errorf("%q: accepted", c.args)
			}
			continue
		}
		if err != nil || mode != c.mode || idle != c.idle {
			t.Errorf("%q: got %q %v %v, want %q %v", c.args, mode, idle, err, c.mode, c.idle)
		}
	}
}

// The keeper returns once nobody has spoken for its idle time, and not before while a helper speaks.
func TestKeepWaitsWhileInUse(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "in-use")
	idle := 300 * time.Millisecond
	started := time.Now()
	kept := make(chan error, 1)
	go func() { kept <- keep(fifo, idle) }()
	for _, err := os.Stat(fifo); err != nil; _, err = os.Stat(fifo) {
		time.Sleep(5 * time.Millisecond)
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() { inUse(fifo, idle, done); close(finished) }()
	select {
	case err := <-kept:
		t.Fatalf("the keeper returned after %v while a helper ran (%v)", time.Since(started), err)
	case <-time.After(4 * idle):
	}
	close(done)
	<-finished
	ended := time.Now()
	select {
	case err := <-kept:
		if err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(ended); waited < idle/2 {
			t.Fatalf("the keeper returned %v after the helper's last word; its idle time is %v", waited, idle)
		}
	case <-time.After(5 * idle):
		t.Fatal("the keeper did not return once idle")
	}
}

// Outside a kept container there is no FIFO: a helper runs as ever.
func TestInUseWithoutKeeper(t *testing.T) {
	done := make(chan struct{})
	close(done)
	returned := make(chan struct{})
	go func() { inUse(filepath.Join(t.TempDir(), "absent"), time.Second, done); close(returned) }()
	select {
	case <-returned:
	case <-time.After(time.Second):
		t.Fatal("inUse waited with no keeper")
	}
}

// The FIFO is the keeper's only input, and anyone in the container may write to it: a megabyte of garbage
// is read through (64 bytes at a time, nothing kept) and counts only as words; once it stops, the keeper
// still leaves after its idle time.
func TestKeepReadsAFloodOfGarbageAndStillLeavesOnTime(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "in-use")
	idle := 300 * time.Millisecond
	kept := make(chan error, 1)
	go func() { kept <- keep(fifo, idle) }()
	for _, err := os.Stat(fifo); err != nil; _, err = os.Stat(fifo) {
		time.Sleep(5 * time.Millisecond)
	}
	writer, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 1<<20)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i>>8) // every byte value, in no order
	}
	if _, err := writer.Write(garbage); err != nil {
		t.Fatal(err)
	}
	writer.Close()
	ended := time.Now()
	select {
	case err := <-kept:
		if err != nil {
			t.Fatalf("the keeper failed on garbage: %v", err)
		}
		if waited := time.Since(ended); waited < idle/2 {
			t.Fatalf("the keeper returned %v after the flood; its idle time is %v", waited, idle)
		}
	case <-time.After(5 * idle):
		t.Fatal("the keeper did not return once the flood stopped")
	}
}
