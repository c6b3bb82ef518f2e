// Every request that acts in a container's namespace names the container as
// well as its init's pid, and is refused unless that pid belongs to that
// container now: a pid the backend read a moment ago may since have been
// reused by another process, and the host's own pids are never a container's.
package main

import (
	"fmt"
	"regexp"
	"strings"
	"syscall"
)

var containerIDPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Target is a container's namespace: its init's pid, and the container's full id.
type Target struct {
	Pid       int    `json:"pid"`
	Container string `json:"container"`
}

// belongsTo says whether pid is, now, the init of the container with this id.
// A variable so tests of the probes, in namespaces they make themselves, can stand in for Docker.
var belongsTo = func(pid int, container string) (bool, string) {
	cgroup, err := readSmall(fmt.Sprintf("/proc/%d/cgroup", pid))
	if err != nil {
		return false, "its process is gone"
	}
	status, err := readSmall(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return false, "its process is gone"
	}
	return initOf(cgroup, status, container)
}

// initOf decides from /proc/PID/cgroup and /proc/PID/status: the process is in the
// container's cgroup, and is pid 1 of its own pid namespace where it has one.
func initOf(cgroup, status, container string) (bool, string) {
	if !strings.Contains(cgroup, container) {
		return false, "that process is not in this container"
	}
	for _, line := range strings.Split(status, "\n") {
		if !strings.HasPrefix(line, "NSpid:") {
			continue
		}
		pids := strings.Fields(strings.TrimPrefix(line, "NSpid:"))
		if len(pids) > 1 && pids[len(pids)-1] != "1" {
			return false, "that process is not the container's init"
		}
	}
	return true, ""
}

// wellFormed refuses a target whose id or pid cannot be a container's.
func (t Target) wellFormed() error {
	if !containerIDPattern.MatchString(t.Container) {
		return badRequest("container must be a full container id (64 hex digits)")
	}
	if t.Pid < 1 || t.Pid > maxPid {
		return badRequest("pid %d is out of range", t.Pid)
	}
	return nil
}

// check refuses a target that is malformed or is not that container's init now. Work in the namespace
// goes through open (netns.go), which checks the same with the pid pinned.
func (t Target) check() error {
	if err := t.wellFormed(); err != nil {
		return err
	}
	return t.owned()
}

// owned says whether the pid is the container's init: whose process it is comes first, so the
// host's own pids are refused as not the container's.
func (t Target) owned() error {
	if ok, why := belongsTo(t.Pid, t.Container); !ok {
		return &HelperError{Code: codeStalePid, Message: fmt.Sprintf("pid %d is not the init of container %s: %s", t.Pid, t.Container[:12], why)}
	}
	return validPid(t.Pid)
}

func checkTargets(targets []Target) error {
	if len(targets) > maxPids {
		return badRequest("at most %d containers per request", maxPids)
	}
	for _, target := range targets {
		if err := target.wellFormed(); err != nil {
			return err
		}
	}
	return nil
}

// readSmall reads a /proc file that is a few KiB at most (the first 64 KiB of a longer one). Plain system
// calls: os.Open would also register each file with Go's poller (it runs twice for every namespace read).
func readSmall(path string) (string, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return "", err
	}
	defer syscall.Close(fd)
	text := make([]byte, 0, 4096)
	for len(text) < 64*1024 {
		if len(text) == cap(text) {
			text = append(text, 0)[:len(text)]
		}
		end := cap(text)
		if end > 64*1024 {
			end = 64 * 1024
		}
		n, err := syscall.Read(fd, text[len(text):end])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return "", err
		}
		if n == 0 {
			break
		}
		text = text[:len(text)+n]
	}
	return string(text), nil
}
