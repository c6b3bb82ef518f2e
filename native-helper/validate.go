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

// checkIfindexes: a bounded list of interface indexes (the kernel's are positive int32s).
func checkIfindexes(indexes []int) error {
	if len(indexes) > maxHostLinks {
		return badRequest("at most %d host links per request", maxHostLinks)
	}
	for _, index := range indexes {
		if index < 1 || index > 0x7fffffff {
			return badRequest("an ifindex is a number from 1 to 2147483647, not %d", index)
		}
	}
	return nil
}
