// Runs work inside another process's network namespace. The goroutine is
// locked to its OS thread, the thread enters the namespace, the work runs,
// and the thread goes back. If it cannot go back, the thread is left locked
// so the Go runtime retires it instead of reusing it in the wrong namespace.
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

func setns(fd int) error {
	_, _, errno := syscall.RawSyscall(sysSetns, uintptr(fd), uintptr(syscall.CLONE_NEWNET), 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// inNetns runs fn in the network namespace of pid.
func inNetns(pid int, fn func() error) error {
	target, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
	if err != nil {
		return &HelperError{Code: "not-found", Message: fmt.Sprintf("cannot open the network namespace of pid %d: %v", pid, err)}
	}
	defer target.Close()
	runtime.LockOSThread()
	original, err := os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", syscall.Gettid()))
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer original.Close()
	if err := setns(int(target.Fd())); err != nil {
		runtime.UnlockOSThread()
		return &HelperError{Code: "permission", Message: fmt.Sprintf("cannot enter the network namespace of pid %d: %v", pid, err)}
	}
	workErr := fn()
	if err := setns(int(original.Fd())); err != nil {
		// Stay locked: this thread dies with the goroutine rather than serve others from the wrong namespace.
		return fmt.Errorf("could not return from the namespace of pid %d: %w", pid, err)
	}
	runtime.UnlockOSThread()
	return workErr
}
