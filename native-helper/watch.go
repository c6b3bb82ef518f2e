// Netlink notifications: one socket subscribed to link and address changes in
// the host namespace, and one per watched container namespace (a socket stays
// in the namespace it was created in). One goroutine waits on all of them
// with epoll and pushes each change as an event; the backend re-reads what
// changed. Nothing here polls.
//
// Sockets are closed only by that goroutine, after taking them out of epoll:
// never under a reader that is blocked on them (which would keep the socket,
// and with it the stopped container's namespace and its veths, alive). Events
// are matched to their subscription by a number of our own, never by fd number,
// which the kernel reuses.
package main

import (
	"fmt"
	"sync"
	"syscall"
)

const groups = 0x1 | 0x10 | 0x100 // RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR

// wakeID marks the wake pipe's events in epoll (subscription ids are positive).
const wakeID = -1

type subscription struct {
	id    int32
	pid   int    // 0 is the host
	netns uint64 // the namespace's identity (its inode)
	fd    int
}

type watcher struct {
	mu      sync.Mutex
	emit    func(Event)
	started bool
	epfd    int
	wake    [2]int
	nextID  int32
	byPid   map[int]*subscription
	byID    map[int32]*subscription
	retired []*subscription
}

func newWatcher(emit func(Event)) *watcher {
	return &watcher{emit: emit, byPid: map[int]*subscription{}, byID: map[int32]*subscription{}}
}

// netnsOf is the identity of pid's network namespace (0: the helper's own, the host's; see hostNetns).
func netnsOf(pid int) (uint64, error) {
	var stat syscall.Stat_t
	if pid == 0 {
		if hostNetnsErr != nil {
			return 0, hostNetnsErr
		}
		if err := syscall.Fstat(int(hostNetns.Fd()), &stat); err != nil {
			return 0, err
		}
		return stat.Ino, nil
	}
	if err := syscall.Stat(fmt.Sprintf("/proc/%d/ns/net", pid), &stat); err != nil {
		return 0, err
	}
	return stat.Ino, nil
}

func (w *watcher) start() error {
	if w.started {
		return nil
	}
	epfd, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return err
	}
	if err := syscall.Pipe2(w.wake[:], syscall.O_CLOEXEC|syscall.O_NONBLOCK); err != nil {
		syscall.Close(epfd)
		return err
	}
	if err := syscall.EpollCtl(epfd, syscall.EPOLL_CTL_ADD, w.wake[0], &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: wakeID}); err != nil {
		return err
	}
	w.epfd, w.started = epfd, true
	go w.loop()
	return nil
}

// watch makes the watched set the host plus these containers; returns who is watched and who could not be.
func (w *watcher) watch(targets []Target) ([]int, map[int]string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	failed := map[int]string{}
	if err := w.start(); err != nil {
		failed[0] = err.Error()
		return []int{}, failed
	}
	wanted := map[int]Target{0: {}}
	for _, target := range targets {
		wanted[target.Pid] = target
	}
	for pid, sub := range w.byPid {
		_, keep := wanted[pid]
		// A pid now in another namespace was reused: that is another subscription.
		if netns, err := netnsOf(pid); !keep || err != nil || netns != sub.netns {
			w.retire(sub)
		}
	}
	for pid, target := range wanted {
		if _, ok := w.byPid[pid]; ok {
			continue
		}
		if err := w.subscribe(target); err != nil {
			failed[pid] = err.Error()
		}
	}
	if len(w.retired) > 0 {
		syscall.Write(w.wake[1], []byte{1})
	}
	watching := []int{}
	for pid := range w.byPid {
		watching = append(watching, pid)
	}
	return watching, failed
}

// subscribe opens a socket in the target's namespace (the host's for pid 0) and adds it to epoll. Called with mu held.
func (w *watcher) subscribe(target Target) error {
	pid := target.Pid
	var netns uint64
	open := func() (int, error) {
		fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC|syscall.SOCK_NONBLOCK, syscall.NETLINK_ROUTE)
		if err != nil {
			return -1, err
		}
		if err := syscall.Bind(fd, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK, Groups: groups}); err != nil {
			syscall.Close(fd)
			return -1, err
		}
		return fd, nil
	}
	fd := -1
	var err error
	if pid == 0 {
		if netns, err = netnsOf(0); err != nil {
			return err
		}
		fd, err = open()
	} else {
		ns, openErr := target.open()
		if openErr != nil {
			return openErr
		}
		defer ns.Close()
		var stat syscall.Stat_t
		if err := syscall.Fstat(ns.Fd(), &stat); err != nil {
			return err
		}
		netns = stat.Ino // the namespace watched is the one opened, whatever the pid means by now
		err = ns.run(func() error {
			var socketErr error
			fd, socketErr = open()
			return socketErr
		})
	}
	if err != nil {
		return err
	}
	w.nextID++
	sub := &subscription{id: w.nextID, pid: pid, netns: netns, fd: fd}
	if err := syscall.EpollCtl(w.epfd, syscall.EPOLL_CTL_ADD, fd, &syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: sub.id}); err != nil {
		syscall.Close(fd)
		return err
	}
	w.byPid[pid], w.byID[sub.id] = sub, sub
	return nil
}

// retire forgets a subscription now; the loop closes its socket. Called with mu held.
func (w *watcher) retire(sub *subscription) {
	if w.byPid[sub.pid] == sub {
		delete(w.byPid, sub.pid)
	}
	delete(w.byID, sub.id)
	w.retired = append(w.retired, sub)
}

// counts says how many subscriptions are open and how many wait to be closed (for tests).
func (w *watcher) counts() (open int, retiring int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.byID), len(w.retired)
}

func (w *watcher) loop() {
	events := make([]syscall.EpollEvent, 64)
	buffer := make([]byte, 65536)
	for {
		n, err := syscall.EpollWait(w.epfd, events, -1)
		if err != nil && err != syscall.EINTR {
			return
		}
		for _, event := range events[:max(n, 0)] {
			if event.Fd == wakeID {
				drain(w.wake[0])
				continue
			}
			w.mu.Lock()
			sub := w.byID[event.Fd]
			w.mu.Unlock()
			if sub != nil {
				w.read(sub, buffer)
			}
		}
		w.mu.Lock()
		retired := w.retired
		w.retired = nil
		w.mu.Unlock()
		for _, sub := range retired {
			syscall.EpollCtl(w.epfd, syscall.EPOLL_CTL_DEL, sub.fd, nil)
			syscall.Close(sub.fd)
		}
	}
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func drain(fd int) {
	scratch := make([]byte, 64)
	for {
		if n, err := syscall.Read(fd, scratch); n <= 0 || err != nil {
			return
		}
	}
}

// read takes every message waiting on one socket, without blocking.
func (w *watcher) read(sub *subscription, buffer []byte) {
	for {
		n, _, err := syscall.Recvfrom(sub.fd, buffer, syscall.MSG_DONTWAIT)
		switch {
		case err == syscall.EAGAIN || err == syscall.EINTR:
			return
		case err == syscall.ENOBUFS:
			// We missed notifications; say so, the backend re-reads everything.
			w.emit(Event{Event: "netlink", Data: NetlinkChange{Pid: sub.pid, Netns: sub.netns, Kind: "overrun"}})
			continue
		case err != nil || n == 0:
			w.mu.Lock()
			if w.byID[sub.id] == sub {
				w.retire(sub)
			}
			w.mu.Unlock()
			if sub.pid != 0 {
				w.emit(Event{Event: "netlink", Data: NetlinkChange{Pid: sub.pid, Netns: sub.netns, Kind: "gone"}})
			}
			return
		}
		messages, err := syscall.ParseNetlinkMessage(buffer[:n])
		if err != nil {
			continue
		}
		for i := range messages {
			if event, ok := describe(sub, &messages[i]); ok {
				w.emit(event)
			}
		}
	}
}

func describe(sub *subscription, message *syscall.NetlinkMessage) (Event, bool) {
	change := NetlinkChange{Pid: sub.pid, Netns: sub.netns}
	switch message.Header.Type {
	case syscall.RTM_NEWLINK, syscall.RTM_DELLINK:
		link, ok := parseLink(message)
		if !ok {
			return Event{}, false
		}
		index := link.Ifindex
		change.Kind, change.Ifindex, change.Ifname = "link", &index, link.Name
		change.Action = map[bool]string{true: "new", false: "del"}[message.Header.Type == syscall.RTM_NEWLINK]
	case syscall.RTM_NEWADDR, syscall.RTM_DELADDR:
		if len(message.Data) < syscall.SizeofIfAddrmsg {
			return Event{}, false
		}
		header := (*syscall.IfAddrmsg)(unsafePointer(message.Data))
		index := int(header.Index)
		change.Kind, change.Ifindex = "addr", &index
		change.Action = map[bool]string{true: "new", false: "del"}[message.Header.Type == syscall.RTM_NEWADDR]
	default:
		return Event{}, false
	}
	return Event{Event: "netlink", Data: change}, true
}
