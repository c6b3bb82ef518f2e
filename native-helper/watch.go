// Netlink notifications: one socket subscribed to link and address changes in
// the host namespace, and one per watched container namespace (a socket stays
// in the namespace it was created in). Each change is pushed as an event; the
// backend re-reads what changed. Nothing here polls.
package main

import (
	"sync"
	"syscall"
)

const groups = 0x1 | 0x10 | 0x100 // RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR

type watcher struct {
	mu      sync.Mutex
	emit    func(Event)
	sockets map[int]int // pid (0 = host) -> socket fd
}

func newWatcher(emit func(Event)) *watcher {
	return &watcher{emit: emit, sockets: map[int]int{}}
}

// watch makes the watched set the host plus pids; returns who is watched and who could not be.
func (w *watcher) watch(pids []int) ([]int, map[int]string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	wanted := map[int]bool{0: true}
	for _, pid := range pids {
		wanted[pid] = true
	}
	for pid, fd := range w.sockets {
		if !wanted[pid] {
			syscall.Close(fd) // its reader sees an error and ends
			delete(w.sockets, pid)
		}
	}
	failed := map[int]string{}
	for pid := range wanted {
		if _, ok := w.sockets[pid]; ok {
			continue
		}
		fd, err := subscribe(pid)
		if err != nil {
			failed[pid] = err.Error()
			continue
		}
		w.sockets[pid] = fd
		go w.read(pid, fd)
	}
	watching := []int{}
	for pid := range w.sockets {
		watching = append(watching, pid)
	}
	return watching, failed
}

func subscribe(pid int) (int, error) {
	open := func() (int, error) {
		fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
		if err != nil {
			return -1, err
		}
		if err := syscall.Bind(fd, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK, Groups: groups}); err != nil {
			syscall.Close(fd)
			return -1, err
		}
		return fd, nil
	}
	if pid == 0 {
		return open()
	}
	fd := -1
	err := inNetns(pid, func() error {
		var err error
		fd, err = open()
		return err
	})
	return fd, err
}

func (w *watcher) read(pid int, fd int) {
	buffer := make([]byte, 65536)
	for {
		n, _, err := syscall.Recvfrom(fd, buffer, 0)
		if err != nil {
			if err == syscall.EINTR || err == syscall.ENOBUFS {
				// ENOBUFS: we missed notifications; say so, the backend re-reads everything.
				if err == syscall.ENOBUFS {
					w.emit(Event{Event: "netlink", Data: map[string]interface{}{"pid": pid, "kind": "overrun"}})
				}
				continue
			}
			w.mu.Lock()
			if w.sockets[pid] == fd {
				delete(w.sockets, pid)
				syscall.Close(fd)
			}
			w.mu.Unlock()
			if pid != 0 {
				w.emit(Event{Event: "netlink", Data: map[string]interface{}{"pid": pid, "kind": "gone"}})
			}
			return
		}
		messages, err := syscall.ParseNetlinkMessage(buffer[:n])
		if err != nil {
			continue
		}
		for i := range messages {
			if event, ok := describe(pid, &messages[i]); ok {
				w.emit(event)
			}
		}
	}
}

func describe(pid int, message *syscall.NetlinkMessage) (Event, bool) {
	data := map[string]interface{}{"pid": pid}
	switch message.Header.Type {
	case syscall.RTM_NEWLINK, syscall.RTM_DELLINK:
		link, ok := parseLink(message)
		if !ok {
			return Event{}, false
		}
		data["kind"], data["ifindex"], data["ifname"] = "link", link.Ifindex, link.Name
		data["action"] = map[bool]string{true: "new", false: "del"}[message.Header.Type == syscall.RTM_NEWLINK]
	case syscall.RTM_NEWADDR, syscall.RTM_DELADDR:
		if len(message.Data) < syscall.SizeofIfAddrmsg {
			return Event{}, false
		}
		header := (*syscall.IfAddrmsg)(unsafePointer(message.Data))
		data["kind"], data["ifindex"] = "addr", int(header.Index)
		data["action"] = map[bool]string{true: "new", false: "del"}[message.Header.Type == syscall.RTM_NEWADDR]
	default:
		return Event{}, false
	}
	return Event{Event: "netlink", Data: data}, true
}
