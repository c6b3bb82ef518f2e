package main

import (
	"fmt"
	"os"
)

// maxPid is the kernel's upper bound for pid_max.
const maxPid = 4194304

// validPid accepts a PID that exists and has a network namespace we can open.
func validPid(pid int) error {
	if pid < 1 || pid > maxPid {
		return badRequest("pid %d is out of range", pid)
	}
	if _, err := os.Stat(fmt.Sprintf("/proc/%d/ns/net", pid)); err != nil {
		return &HelperError{Code: codeNotFound, Message: fmt.Sprintf("no process %d (or its network namespace is not visible)", pid)}
	}
	return nil
}

// maxPids caps how many namespaces one request may name.
const maxPids = 4096
