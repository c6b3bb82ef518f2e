// The journal of wirings in progress, kept in the kernel itself: the host end of a veth being wired carries
// an alias (IFLA_IFALIAS) naming the helper process that is wiring it, from the moment the pair is made until
// the last step is done. A helper killed midway (the app stopped, a heartbeat replaced it, the machine
// slept) leaves that alias behind; the next helper's sweep finds veths whose writer is gone and deletes them
// (deleting the host end deletes the pair, wherever its other end is by then), so a half-made wiring never
// outlives the helper that made it.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

const (
	iflaIfalias        = 20
	wiringAliasPrefix  = "dockwire-wiring "
	maxJournalledWires = 64 // swept per request; more is not a real host
)

// wiringAlias names this helper process: its pid and its start time (a pid alone may be reused).
func wiringAlias() string {
	return fmt.Sprintf("%s%d %d", wiringAliasPrefix, os.Getpid(), processStart(os.Getpid()))
}

// processStart is a process's start time in clock ticks since boot (/proc/PID/stat field 22), or 0 if gone.
func processStart(pid int) uint64 {
	stat, err := readSmall(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command may hold spaces and parentheses: fields are counted after its closing one.
	closing := strings.LastIndexByte(stat, ')')
	if closing < 0 {
		return 0
	}
	fields := strings.Fields(stat[closing+1:])
	if len(fields) < 20 {
		return 0
	}
	start, _ := strconv.ParseUint(fields[19], 10, 64)
	return start
}

// writerAlive says whether the helper an alias names still runs (the same process, not a reused pid).
func writerAlive(alias string) bool {
	fields := strings.Fields(strings.TrimPrefix(alias, wiringAliasPrefix))
	if len(fields) != 2 {
		return false
	}
	pid, errPid := strconv.Atoi(fields[0])
	start, errStart := strconv.ParseUint(fields[1], 10, 64)
	return errPid == nil && errStart == nil && pid > 0 && start != 0 && processStart(pid) == start
}

// setAlias sets (or, with "", clears) a link's alias.
func setAlias(index int, alias string) error {
	return setLink(index, false, attr(nil, iflaIfalias, []byte(alias)))
}

// SweepResult names the veth pairs of unfinished wirings that a sweep deleted.
type SweepResult struct {
	Undone []string `json:"undone"`
}

// sweepUnfinishedWires deletes the host veths whose wiring alias names a helper that is gone.
func sweepUnfinishedWires() (SweepResult, error) {
	result := SweepResult{Undone: []string{}}
	links, err := dumpLinksWithoutAddresses()
	if err != nil {
		return result, err
	}
	for _, link := range links {
		if link.Kind != "veth" || !strings.HasPrefix(link.alias, wiringAliasPrefix) || writerAlive(link.alias) {
			continue
		}
		if len(result.Undone) == maxJournalledWires {
			break
		}
		if err := deleteLink(link.Ifindex); err != nil && err != syscall.ENODEV {
			return result, fmt.Errorf("could not delete %s, left by an unfinished wiring: %w", link.Name, err)
		}
		result.Undone = append(result.Undone, link.Name)
	}
	return result, nil
}

func methodSweepWires(_ *Helper, raw []byte) (interface{}, error) {
	if err := DecodeParams(raw, &noParams{}); err != nil {
		return nil, err
	}
	return sweepUnfinishedWires()
}
