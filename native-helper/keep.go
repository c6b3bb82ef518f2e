// A kept helper container outlives one command. Its first process, started with
// `--keep SECONDS`, does no work: it holds the container open. Dockwire's one-shot
// commands run the helper in it with `docker exec` (`--kept SECONDS`), which costs
// a new process instead of a new container's create and start (about 0.5 s on a
// busy engine). Each helper run so says it is in use through a FIFO in the
// container's own tmpfs: when it starts, every third of the idle time while it
// runs, and when it ends. Once no helper has spoken for the idle time the keeper
// exits, and Docker removes the container (AutoRemove).
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// keepDir is a tmpfs the kept container mounts (its root is read-only); keepFifo is where helpers speak.
const (
	keepDir  = "/run/dockwire"
	keepFifo = keepDir + "/in-use"
)

// What the helper is asked to be by its arguments: none, a helper serving stdin; --keep SECONDS, a kept
// container's keeper; --kept SECONDS, a helper serving stdin inside a kept container.
const (
	modeServe = ""
	modeKeep  = "keep"
	modeKept  = "kept"
)

func parseArgs(args []string) (string, time.Duration, error) {
	if len(args) == 0 {
		return modeServe, 0, nil
	}
	if len(args) == 2 && (args[0] == "--"+modeKeep || args[0] == "--"+modeKept) {
		idle, err := parseKeepSeconds(args[1])
		return args[0][2:], idle, err
	}
	return modeServe, 0, errors.New("usage: dockwire-helper [--keep SECONDS | --kept SECONDS]")
}

// maxKeepSeconds bounds how long a kept container may wait for a command: a day.
const maxKeepSeconds = 86400

// parseKeepSeconds reads the SECONDS of --keep and --kept: a whole number from 1 to a day.
func parseKeepSeconds(text string) (time.Duration, error) {
	seconds, err := strconv.Atoi(text)
	if err != nil || seconds < 1 || seconds > maxKeepSeconds {
		return 0, fmt.Errorf("the idle time must be whole seconds from 1 to %d, not %q", maxKeepSeconds, text)
	}
	return time.Duration(seconds) * time.Second, nil
}

// keep waits until nothing has been written to fifo for idle, and returns nil then.
func keep(fifo string, idle time.Duration) error {
	if err := syscall.Mkfifo(fifo, 0o600); err != nil && !errors.Is(err, syscall.EEXIST) {
		return fmt.Errorf("cannot make %s: %w", fifo, err)
	}
	// Opened for reading and writing, so the read end never sees end-of-file when a helper closes it.
	file, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", fifo, err)
	}
	defer file.Close()
	buffer := make([]byte, 64)
	for {
		if err := file.SetReadDeadline(time.Now().Add(idle)); err != nil {
			return fmt.Errorf("cannot wait on %s: %w", fifo, err)
		}
		if _, err := file.Read(buffer); errors.Is(err, os.ErrDeadlineExceeded) {
			return nil
		} else if err != nil {
			return fmt.Errorf("cannot read %s: %w", fifo, err)
		}
	}
}

// inUse tells a keeper listening on fifo that this helper runs, until done is closed, and once more then.
// Outside a kept container (no fifo, or no keeper reading it) it does nothing.
func inUse(fifo string, idle time.Duration, done <-chan struct{}) {
	file, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return
	}
	defer file.Close()
	ticker := time.NewTicker(idle / 3)
	defer ticker.Stop()
	// A full pipe (EAGAIN) already holds what the keeper needs: a write that does not fit is dropped.
	say := func() { file.Write([]byte{1}) }
	say()
	for {
		select {
		case <-ticker.C:
			say()
		case <-done:
			say()
			return
		}
	}
}
