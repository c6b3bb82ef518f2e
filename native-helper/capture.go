// Packet capture on one interface of a container's namespace: a packet socket
// (AF_PACKET) made inside the namespace and bound to the interface, read
// outside it (a socket stays in the namespace it was made in). Packets that
// pass the filter are queued, a bounded queue: when the backend reads slower
// than the interface carries, packets are dropped and counted, never held.
// They leave as "capturePackets" events in batches; "captureEnd" says why a
// capture stopped (count, time, stopped, gone, error).
package main

import (
	"encoding/base64"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	maxCaptures       = 4
	maxSnaplen        = 65535
	captureQueue      = 256
	captureBatch      = 64
	captureBatchBytes = 512 * 1024 // of base64: one event line stays well under the backend's line limit
	captureFlushEvery = 100 * time.Millisecond
	ethPAll           = 0x0003
	// The longest a capture may be asked to run; Ctrl-C or stopCapture end it sooner.
	maxCaptureSeconds = 24 * 3600
)

type captureParams struct {
	CaptureID int    `json:"captureId"`
	Pid       int    `json:"pid"`
	Container string `json:"container"`
	Ifname    string `json:"ifname"`
	Filter    string `json:"filter"`
	Count     int    `json:"count"`
	Seconds   int    `json:"seconds"`
	Snaplen   int    `json:"snaplen"`
}

// CaptureStarted says what the capture is on; its packets are Ethernet frames (pcap link type 1).
type CaptureStarted struct {
	CaptureID int    `json:"captureId"`
	Ifname    string `json:"ifname"`
	Ifindex   int    `json:"ifindex"`
	Snaplen   int    `json:"snaplen"`
}

// CapturedPacket is one frame: when it was seen (µs since the epoch), its length on the wire, and its bytes (up to snaplen).
type CapturedPacket struct {
	TimeUs int64  `json:"timeUs"`
	Length int    `json:"length"`
	Data   string `json:"data"`
}

type capturePackets struct {
	CaptureID int              `json:"captureId"`
	Packets   []CapturedPacket `json:"packets"`
	Dropped   uint64           `json:"dropped"`
}

type captureEnd struct {
	CaptureID int    `json:"captureId"`
	Reason    string `json:"reason"`
	Captured  uint64 `json:"captured"`
	Dropped   uint64 `json:"dropped"`
	Error     string `json:"error,omitempty"`
}

type capture struct {
	id int
	// target is the container whose namespace it captures in; nil: the helper's own (the host's, the underlay).
	target   *Target
	ifindex  int
	fd       int
	stopping atomic.Bool
	reason   atomic.Value // string: why it stops, set once
	captured atomic.Uint64
	dropped  atomic.Uint64
	queue    chan CapturedPacket
}

func (c *capture) stop(reason string) {
	if c.stopping.CompareAndSwap(false, true) {
		c.reason.Store(reason)
	}
}

var captures = struct {
	sync.Mutex
	byID map[int]*capture
}{byID: map[int]*capture{}}

func (p captureParams) check() error {
	if err := p.checkBounds(); err != nil {
		return err
	}
	return Target{Pid: p.Pid, Container: p.Container}.wellFormed()
}

// checkBounds: the id, interface name and limits, whatever the capture is on.
func (p captureParams) checkBounds() error {
	if p.CaptureID < 1 || p.CaptureID > 1<<31-1 {
		return badRequest("captureId must be a positive integer")
	}
	if err := validIfname(p.Ifname); err != nil {
		return err
	}
	if p.Count < 0 || p.Seconds < 0 || p.Seconds > maxCaptureSeconds || p.Snaplen < 0 || p.Snaplen > maxSnaplen {
		return badRequest("count, seconds and snaplen must be within 0..(no limit), 0..%d and 0..%d", maxCaptureSeconds, maxSnaplen)
	}
	return nil
}

func methodCapture(h *Helper, raw []byte) (interface{}, error) {
	var params captureParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := params.check(); err != nil {
		return nil, err
	}
	match, err := parseFilter(params.Filter)
	if err != nil {
		return nil, err
	}
	target := Target{Pid: params.Pid, Container: params.Container}
	return beginCapture(h, params.CaptureID, &target, params.Ifname, match, params.Snaplen, params.Count, params.Seconds)
}

// underlayCaptureParams: a capture on one of the host's own interfaces, of VXLAN alone (UDP port 4789): the
// overlay networks' packets between swarm nodes, nothing else the host carries.
type underlayCaptureParams struct {
	CaptureID int    `json:"captureId"`
	Ifname    string `json:"ifname"`
	Count     int    `json:"count"`
	Seconds   int    `json:"seconds"`
	Snaplen   int    `json:"snaplen"`
}

// vxlanOnly is the one filter an underlay capture runs with.
const vxlanOnly = "udp and port 4789"

func methodCaptureUnderlay(h *Helper, raw []byte) (interface{}, error) {
	var params underlayCaptureParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	check := captureParams{CaptureID: params.CaptureID, Ifname: params.Ifname, Count: params.Count, Seconds: params.Seconds, Snaplen: params.Snaplen}
	if err := check.checkBounds(); err != nil {
		return nil, err
	}
	match, err := parseFilter(vxlanOnly)
	if err != nil {
		return nil, err
	}
	return beginCapture(h, params.CaptureID, nil, params.Ifname, match, params.Snaplen, params.Count, params.Seconds)
}

// inNamespace runs fn in the capture target's namespace, or where the helper runs when it has none.
func inNamespace(target *Target, fn func() error) error {
	if target == nil {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		return fn()
	}
	ns, err := target.open()
	if err != nil {
		return err
	}
	defer ns.Close() // the packet socket, once made, keeps what it needs of the namespace
	return ns.run(fn)
}

func beginCapture(h *Helper, id int, target *Target, ifname string, match filter, snaplen, count, seconds int) (interface{}, error) {
	if snaplen == 0 {
		snaplen = maxSnaplen
	}
	captures.Lock()
	if _, taken := captures.byID[id]; taken {
		captures.Unlock()
		return nil, badRequest("capture %d is already running", id)
	}
	if len(captures.byID) >= maxCaptures {
		captures.Unlock()
		return nil, &HelperError{Code: codeBusy, Message: fmt.Sprintf("%d captures are running already; stop one first", maxCaptures)}
	}
	entry := &capture{id: id, target: target, fd: -1, queue: make(chan CapturedPacket, captureQueue)}
	captures.byID[id] = entry
	captures.Unlock()
	forget := func() {
		captures.Lock()
		delete(captures.byID, id)
		captures.Unlock()
	}

	var ifindex int
	err := inNamespace(target, func() error {
		links, err := dumpLinks()
		if err != nil {
			return err
		}
		for _, link := range links {
			if link.Name == ifname {
				ifindex = link.Ifindex
			}
		}
		if ifindex == 0 {
			where := "the container"
			if target == nil {
				where = "the host"
			}
			return &HelperError{Code: codeNotFound, Message: fmt.Sprintf("%s has no interface %s", where, ifname)}
		}
		entry.ifindex = ifindex
		entry.fd, err = openPacketSocket(ifindex)
		return err
	})
	if err != nil {
		forget()
		return nil, err
	}
	go entry.read(match, snaplen, count)
	go entry.send(h, forget)
	if seconds > 0 {
		time.AfterFunc(time.Duration(seconds)*time.Second, func() { entry.stop("time") })
	}
	return CaptureStarted{CaptureID: id, Ifname: ifname, Ifindex: ifindex, Snaplen: snaplen}, nil
}

func openPacketSocket(ifindex int) (int, error) {
	protocol := int(htons(ethPAll))
	fd, err := syscall.Socket(syscall.AF_PACKET, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, protocol)
	if err != nil {
		return -1, &HelperError{Code: codePermission, Message: fmt.Sprintf("cannot open a packet socket: %v", err)}
	}
	if err := syscall.Bind(fd, &syscall.SockaddrLinklayer{Protocol: htons(ethPAll), Ifindex: ifindex}); err != nil {
		syscall.Close(fd)
		return -1, fmt.Errorf("cannot bind the packet socket to ifindex %d: %w", ifindex, err)
	}
	// Wake up now and then to see whether the capture was stopped.
	timeout := syscall.Timeval{Usec: 200_000}
	if err := syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &timeout); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	return fd, nil
}

func htons(value uint16) uint16 { return value<<8 | value>>8 }

// read takes packets off the socket until the capture stops; it alone closes the socket.
func (c *capture) read(match filter, snaplen int, count int) {
	defer close(c.queue)
	defer syscall.Close(c.fd)
	buffer := make([]byte, snaplen)
	for !c.stopping.Load() {
		// MSG_TRUNC: n is the frame's length on the wire even when the buffer holds only its start.
		n, _, err := syscall.Recvfrom(c.fd, buffer, syscall.MSG_TRUNC)
		if err == syscall.EAGAIN || err == syscall.EINTR {
			continue
		}
		if err == syscall.ENETDOWN || err == syscall.ENXIO || err == syscall.ENODEV {
			// The interface went down or away (the kernel says ENETDOWN for both): a down one may come up
			// again and the socket resumes; one that is gone, or whose container stopped, ends the capture.
			if c.interfaceGone() {
				c.stop("gone")
				return
			}
			time.Sleep(200 * time.Millisecond)
			continue
		}
		if err != nil {
			c.stop("error: " + err.Error())
			return
		}
		kept := n
		if kept > snaplen {
			kept = snaplen
		}
		decoded := decodeForFilter(buffer[:kept])
		if !match(&decoded) {
			continue
		}
		packet := CapturedPacket{TimeUs: time.Now().UnixMicro(), Length: n, Data: base64.StdEncoding.EncodeToString(buffer[:kept])}
		select {
		case c.queue <- packet:
			captured := c.captured.Add(1)
			if count > 0 && captured >= uint64(count) {
				c.stop("count")
			}
		default:
			c.dropped.Add(1) // the backend reads slower than packets come: drop, and say how many
		}
	}
}

// interfaceGone says whether the captured interface no longer exists in the container's namespace, or the
// container's init is gone (the namespace is opened afresh, checked to be still that container's).
func (c *capture) interfaceGone() bool {
	found := false
	err := inNamespace(c.target, func() error {
		links, err := dumpCounters()
		for _, link := range links {
			found = found || link.Ifindex == c.ifindex
		}
		return err
	})
	return err != nil || !found
}

// send batches queued packets into events, then says how the capture ended.
func (c *capture) send(h *Helper, forget func()) {
	batch, batchBytes := []CapturedPacket{}, 0
	ticker := time.NewTicker(captureFlushEvery)
	defer ticker.Stop()
	flush := func() {
		if len(batch) > 0 {
			h.write(Event{Event: "capturePackets", Data: capturePackets{CaptureID: c.id, Packets: batch, Dropped: c.dropped.Load()}})
			batch, batchBytes = []CapturedPacket{}, 0
		}
	}
	for {
		select {
		case packet, open := <-c.queue:
			if !open {
				flush()
				forget()
				end := captureEnd{CaptureID: c.id, Reason: "stopped", Captured: c.captured.Load(), Dropped: c.dropped.Load()}
				if reason, ok := c.reason.Load().(string); ok {
					end.Reason = reason
				}
				if len(end.Reason) > 7 && end.Reason[:7] == "error: " {
					end.Reason, end.Error = "error", end.Reason[7:]
				}
				h.write(Event{Event: "captureEnd", Data: end})
				return
			}
			batch, batchBytes = append(batch, packet), batchBytes+len(packet.Data)
			if len(batch) == captureBatch || batchBytes >= captureBatchBytes {
				flush()
			}
		case <-ticker.C:
			flush()
		}
	}
}

type captureStopParams struct {
	CaptureID int `json:"captureId"`
}

func methodCaptureStop(_ *Helper, raw []byte) (interface{}, error) {
	var params captureStopParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	captures.Lock()
	entry := captures.byID[params.CaptureID]
	captures.Unlock()
	if entry == nil {
		return nil, &HelperError{Code: codeNotFound, Message: fmt.Sprintf("no capture %d is running", params.CaptureID)}
	}
	entry.stop("stopped")
	return map[string]int{"captureId": params.CaptureID}, nil
}
