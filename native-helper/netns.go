// Runs work inside a container's network namespace. The namespace is opened
// once per request, from a pid pinned by a pidfd while it is checked to be the
// named container's init, and from then on it is used by file descriptor: a pid
// reused mid-request (the container stopped, another process took its number)
// can never point the rest of the request at another namespace.
//
// To run work inside, the goroutine is locked to its OS thread, the thread
// enters the namespace, the work runs, and the thread goes back. If it cannot go
// back, the thread is left locked so the Go runtime retires it instead of
// reusing it in the wrong namespace.
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

const (
	sysPidfdOpen       = 434 // the same on amd64 and arm64
	sysPidfdSendSignal = 424
)

func setns(fd int) error {
	_, _, errno := syscall.RawSyscall(sysSetns, uintptr(fd), uintptr(syscall.CLONE_NEWNET), 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// Netns is a container's network namespace, held open for the length of one request (or of a capture), with
// the container's root directory opened in the same pinned moment (for the files read inside it: resolv.conf).
type Netns struct {
	file    *os.File
	root    *os.File // nil when it could not be opened; rootErr says why
	rootErr error
	pid     int
}

// Close releases the namespace and the root (the kernel frees them once their container is gone too).
func (n *Netns) Close() error {
	if n.root != nil {
		n.root.Close()
	}
	return n.file.Close()
}

// readResolvConf reads the container's /etc/resolv.conf inside its root.
func (n *Netns) readResolvConf() (ResolvConf, error) {
	if n.root == nil {
		return ResolvConf{}, fmt.Errorf("cannot open the container's root: %w", n.rootErr)
	}
	return readResolvConfAt(n.root)
}

// Fd is the namespace's file descriptor, for netlink attributes that take one (IFLA_NET_NS_FD).
func (n *Netns) Fd() int { return int(n.file.Fd()) }

// open checks the target and opens its namespace: the pid is pinned with a pidfd, checked to be the
// container's init, its namespace opened, and then the pidfd asked whether that same process still
// lives. If it does, the pid was not reused in between, so the namespace opened is the container's.
func (t Target) open() (*Netns, error) {
	if err := t.wellFormed(); err != nil {
		return nil, err
	}
	pidfd, _, errno := syscall.Syscall(sysPidfdOpen, uintptr(t.Pid), 0, 0)
	if errno != 0 {
		return nil, &HelperError{Code: codeStalePid, Message: fmt.Sprintf("pid %d is not the init of container %s: its process is gone", t.Pid, t.Container[:12])}
	}
	defer syscall.Close(int(pidfd))
	if err := t.owned(); err != nil {
		return nil, err
	}
	file, err := openPlain(fmt.Sprintf("/proc/%d/ns/net", t.Pid), syscall.O_RDONLY|syscall.O_CLOEXEC)
	if err != nil {
		return nil, &HelperError{Code: codeNotFound, Message: fmt.Sprintf("cannot open the network namespace of pid %d: %v", t.Pid, err)}
	}
	ns := &Netns{file: file, pid: t.Pid}
	ns.root, ns.rootErr = openPlain(fmt.Sprintf("/proc/%d/root", t.Pid), oPath|syscall.O_DIRECTORY|syscall.O_CLOEXEC)
	// Signal 0 sends nothing: ESRCH says the pinned process has exited (EPERM says it lives, but is not ours to signal).
	if _, _, errno := syscall.Syscall6(sysPidfdSendSignal, pidfd, 0, 0, 0, 0, 0); errno == syscall.ESRCH {
		ns.Close()
		return nil, &HelperError{Code: codeStalePid, Message: fmt.Sprintf("pid %d exited while its namespace was opened", t.Pid)}
	}
	return ns, nil
}

// openPlain opens path as os.OpenFile does, without registering it with Go's poller first (a namespace is
// not pollable, and a snapshot opens two files for each of its hundreds of namespaces).
func openPlain(path string, flags int) (*os.File, error) {
	fd, err := syscall.Open(path, flags, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}

// openNotHost is open, refusing a container that uses the host's own namespace (--network host): where a
// change is meant for a container's namespace (a veth end moved in, an address added), it must not land on the host.
func (t Target) openNotHost() (*Netns, error) {
	ns, err := t.open()
	if err != nil {
		return nil, err
	}
	host, hostErr := netnsOf(0)
	var stat syscall.Stat_t
	if hostErr != nil || syscall.Fstat(ns.Fd(), &stat) != nil || stat.Ino == host {
		ns.Close()
		return nil, badRequest("container %s uses the host's network namespace: that is not changed from here", t.Container[:12])
	}
	return ns, nil
}

// run runs fn on a thread inside the namespace.
func (n *Netns) run(fn func() error) error {
	runtime.LockOSThread()
	// A plain descriptor, not an os.File: it is opened for every namespace read, and os.Open registers it with
	// Go's poller first.
	original, err := syscall.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", syscall.Gettid()), syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		runtime.UnlockOSThread()
		return err
	}
	defer syscall.Close(original)
	if err := setns(n.Fd()); err != nil {
		runtime.UnlockOSThread()
		return &HelperError{Code: codePermission, Message: fmt.Sprintf("cannot enter the network namespace of pid %d: %v", n.pid, err)}
	}
	workErr := fn()
	if err := setns(original); err != nil {
		// Stay locked: this thread dies with the goroutine rather than serve others from the wrong namespace.
		return fmt.Errorf("could not return from the namespace of pid %d: %w", n.pid, err)
	}
	runtime.UnlockOSThread()
	return workErr
}
