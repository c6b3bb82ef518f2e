// The rtnetlink transport: sockets bound in the calling thread's namespace,
// requests and bounded dumps, and walking the attributes of what comes back.
// What the messages mean is read elsewhere (links, addresses, routes, stats).
package main

import (
	"errors"
	"fmt"
	"sync"
	"syscall"
)

const (
	solNetlink          = 270
	netlinkGetStrictChk = 12
	// A dump is read in at most this many datagrams of up to 64 KiB: a bound on what one dump may cost.
	maxDumpDatagrams = 1024
)

// openRouteSocket opens and binds an rtnetlink socket in the calling thread's namespace.
func openRouteSocket() (int, error) {
	socket, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		return -1, err
	}
	if err := syscall.Bind(socket, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		syscall.Close(socket)
		return -1, err
	}
	return socket, nil
}

// receiveBuffers holds the 64 KiB buffers dumps are read into. A snapshot of a host makes about eight dumps
// per namespace: a fresh buffer for each (zeroed, then left to the collector) cost a quarter of the helper's
// time at 500 containers.
var receiveBuffers = sync.Pool{New: func() interface{} { buffer := make([]byte, 65536); return &buffer }}

// receiveDump reads a dump's answer up to NLMSG_DONE, handing every other message to keep (its Data
// is only valid during the call), in at most maxDatagrams reads. A kernel error ends it with that error;
// running out of reads ends it with errDumpFull (the answer was longer than the bound); an answer the
// kernel marked NLM_F_DUMP_INTR (its table changed while it was dumped: something may be missing or
// twice) ends with errDumpInterrupted once read whole, for the caller to dump again (untilConsistent).
func receiveDump(fd int, maxDatagrams int, keep func(message syscall.NetlinkMessage) error) error {
	pooled := receiveBuffers.Get().(*[]byte)
	defer receiveBuffers.Put(pooled)
	buffer := *pooled
	interrupted := false
	for datagram := 0; datagram < maxDatagrams; datagram++ {
		n, _, err := syscall.Recvfrom(fd, buffer, 0)
		if err != nil {
			return err
		}
		messages, err := syscall.ParseNetlinkMessage(buffer[:n])
		if err != nil {
			return err
		}
		for _, message := range messages {
			interrupted = interrupted || message.Header.Flags&nlmFDumpIntr != 0
			switch message.Header.Type {
			case syscall.NLMSG_DONE:
				if interrupted {
					return errDumpInterrupted
				}
				return nil
			case syscall.NLMSG_ERROR:
				if len(message.Data) >= 4 {
					if code := int32(nativeUint32(message.Data[0:4])); code != 0 {
						return syscall.Errno(-code)
					}
				}
				return nil
			default:
				if err := keep(message); err != nil {
					return err
				}
			}
		}
	}
	return errDumpFull
}

// netlinkRequest sends one rtnetlink request from the calling thread's namespace and returns the answer.
func netlinkRequest(msgType uint16, flags uint16, payload []byte) ([]syscall.NetlinkMessage, error) {
	socket, err := openRouteSocket()
	if err != nil {
		return nil, err
	}
	defer syscall.Close(socket)
	// The kernel answers at once: a silent socket is a fault, and must not hold a request (a wiring) forever.
	timeout := syscall.Timeval{Sec: 5}
	if err := syscall.SetsockoptTimeval(socket, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &timeout); err != nil {
		return nil, err
	}
	return requestOn(socket, msgType, flags, payload)
}

// requestOn sends one request on socket and reads its one-datagram answer.
func requestOn(socket int, msgType uint16, flags uint16, payload []byte) ([]syscall.NetlinkMessage, error) {
	if err := sendNetlink(socket, msgType, flags, payload); err != nil {
		return nil, err
	}
	// Read into a pooled buffer and parsed from a copy of what came (the messages returned point into what
	// they were parsed from): a fresh 64 KiB for each request (a namespace read asks for two nsids or more)
	// was zeroed and then collected, an eighth of a snapshot's time.
	pooled := receiveBuffers.Get().(*[]byte)
	n, _, err := syscall.Recvfrom(socket, *pooled, 0)
	if err != nil {
		receiveBuffers.Put(pooled)
		return nil, err
	}
	answer := append([]byte(nil), (*pooled)[:n]...)
	receiveBuffers.Put(pooled)
	messages, err := syscall.ParseNetlinkMessage(answer)
	if err != nil {
		return nil, err
	}
	for i := range messages {
		if messages[i].Header.Type == syscall.NLMSG_ERROR && len(messages[i].Data) >= 4 {
			if code := int32(nativeUint32(messages[i].Data[0:4])); code != 0 {
				return nil, syscall.Errno(-code)
			}
		}
	}
	return messages, nil
}

// sendNetlink sends one netlink message (header, then payload) to the kernel.
func sendNetlink(fd int, msgType uint16, flags uint16, payload []byte) error {
	request := make([]byte, syscall.NLMSG_HDRLEN+len(payload))
	nativePutUint32(request[0:4], uint32(len(request)))
	nativePutUint16(request[4:6], msgType)
	nativePutUint16(request[6:8], flags)
	nativePutUint32(request[8:12], 1)
	copy(request[syscall.NLMSG_HDRLEN:], payload)
	return syscall.Sendto(fd, request, 0, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK})
}

// netlinkDump sends one dump request and reads every part of the answer, up to
// NLMSG_DONE, within bounds on reads and messages; a longer answer is an error.
func netlinkDump(msgType uint16, payload []byte, maxMessages int) ([]syscall.NetlinkMessage, error) {
	messages, truncated, err := netlinkDumpUpTo(msgType, payload, maxMessages)
	if err == nil && truncated {
		err = fmt.Errorf("the dump has more than %d messages", maxMessages)
	}
	return messages, err
}

// netlinkDumpUpTo is netlinkDump keeping the first maxMessages of a longer answer, and saying it was cut:
// the rest is never read (closing the socket drops it), so a namespace with a million routes costs what
// maxMessages do, in memory and in time.
func netlinkDumpUpTo(msgType uint16, payload []byte, maxMessages int) ([]syscall.NetlinkMessage, bool, error) {
	answer, err := untilConsistent(func() (cutDump, error) {
		messages, truncated, err := netlinkDumpOnce(msgType, payload, maxMessages)
		return cutDump{messages, truncated}, err
	})
	return answer.messages, answer.truncated, err
}

// cutDump is one dump's messages, and whether more were left unread.
type cutDump struct {
	messages  []syscall.NetlinkMessage
	truncated bool
}

// netlinkDumpOnce is one try of netlinkDumpUpTo, on a socket of its own.
func netlinkDumpOnce(msgType uint16, payload []byte, maxMessages int) ([]syscall.NetlinkMessage, bool, error) {
	socket, err := openDumpSocket()
	if err != nil {
		return nil, false, err
	}
	defer syscall.Close(socket)
	return dumpOn(socket, msgType, payload, maxMessages)
}

// openDumpSocket opens an rtnetlink socket for dumps in the calling thread's namespace.
func openDumpSocket() (int, error) {
	socket, err := openRouteSocket()
	if err != nil {
		return -1, err
	}
	// Strict checking: without it the kernel ignores IFA_TARGET_NETNSID and dumps the caller's own addresses.
	if err := syscall.SetsockoptInt(socket, solNetlink, netlinkGetStrictChk, 1); err != nil {
		syscall.Close(socket)
		return -1, err
	}
	// A bounded wait: the kernel answers a dump at once, so a silent socket is a fault, not a slow reply.
	timeout := syscall.Timeval{Sec: 5}
	if err := syscall.SetsockoptTimeval(socket, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &timeout); err != nil {
		syscall.Close(socket)
		return -1, err
	}
	return socket, nil
}

// dumpOn sends one dump request on socket and reads its answer (see netlinkDumpUpTo). Unless it ends with
// no error and nothing cut, part of the answer may be left unread on the socket.
func dumpOn(socket int, msgType uint16, payload []byte, maxMessages int) ([]syscall.NetlinkMessage, bool, error) {
	if err := sendNetlink(socket, msgType, syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP, payload); err != nil {
		return nil, false, err
	}
	collected := []syscall.NetlinkMessage{}
	truncated := false
	err := receiveDump(socket, maxDumpDatagrams, func(message syscall.NetlinkMessage) error {
		if len(collected) == maxMessages {
			truncated = true
			return errDumpFull
		}
		// Data aliases the read buffer, which the next read overwrites: keep a copy.
		message.Data = append([]byte(nil), message.Data...)
		collected = append(collected, message)
		return nil
	})
	if err != nil && err != errDumpFull {
		return nil, false, err
	}
	return collected, truncated, nil
}

// dumpSocket is one rtnetlink socket for the several dumps of one namespace's read (links, addresses, two
// route tables) and its nsid requests: a socket each, opened, set up and closed, was a third of a namespace
// read's system calls.
// Opened in the calling thread's namespace, and used only there.
type dumpSocket struct {
	fd int
}

func newDumpSocket() *dumpSocket { return &dumpSocket{fd: -1} }

// upTo is netlinkDumpUpTo on this socket. After a dump cut short or failed, whose rest may still wait on the
// socket, the next dump opens a fresh one: it must never read another dump's messages as its own.
func (d *dumpSocket) upTo(msgType uint16, payload []byte, maxMessages int) ([]syscall.NetlinkMessage, bool, error) {
	if d == nil {
		return netlinkDumpUpTo(msgType, payload, maxMessages)
	}
	answer, err := untilConsistent(func() (cutDump, error) {
		if d.fd < 0 {
			socket, err := openDumpSocket()
			if err != nil {
				return cutDump{}, err
			}
			d.fd = socket
		}
		messages, truncated, err := dumpOn(d.fd, msgType, payload, maxMessages)
		if truncated || (err != nil && err != errDumpInterrupted) {
			d.close()
		}
		return cutDump{messages, truncated}, err
	})
	return answer.messages, answer.truncated, err
}

// request is netlinkRequest on this socket (for a request answered in one datagram, as RTM_GETNSID is).
func (d *dumpSocket) request(msgType uint16, flags uint16, payload []byte) ([]syscall.NetlinkMessage, error) {
	if d == nil {
		return netlinkRequest(msgType, flags, payload)
	}
	if d.fd < 0 {
		socket, err := openDumpSocket()
		if err != nil {
			return nil, err
		}
		d.fd = socket
	}
	messages, err := requestOn(d.fd, msgType, flags, payload)
	if err != nil {
		d.close() // what is left on it, if anything, is unknown
	}
	return messages, err
}

func (d *dumpSocket) close() {
	if d != nil && d.fd >= 0 {
		syscall.Close(d.fd)
		d.fd = -1
	}
}

var errDumpFull = errors.New("dump full")

// errDumpInterrupted: the kernel's table changed during the dump (NLM_F_DUMP_INTR on its answer).
var errDumpInterrupted = errors.New("the kernel's table changed during the dump")

// nlmFDumpIntr is NLM_F_DUMP_INTR (linux/netlink.h), which Go 1.19's syscall package does not name.
const nlmFDumpIntr = 0x10

// dumpAttempts: tries of a dump the kernel says was interrupted (a table that changes this often is busy,
// not broken: three tries, then the error says so).
const dumpAttempts = 3

// untilConsistent runs a whole dump again while the kernel marks its answer interrupted, up to dumpAttempts.
func untilConsistent[T any](dump func() (T, error)) (T, error) {
	var result T
	var err error
	for attempt := 0; attempt < dumpAttempts; attempt++ {
		if result, err = dump(); !errors.Is(err, errDumpInterrupted) {
			return result, err
		}
	}
	return result, fmt.Errorf("%w, in each of %d tries", err, dumpAttempts)
}

// forEachAttr walks a run of netlink attributes, stopping at the first malformed one.
func forEachAttr(attrs []byte, visit func(kind int, value []byte)) {
	for len(attrs) >= syscall.SizeofRtAttr {
		length := int(nativeUint16(attrs[0:2]))
		kind := int(nativeUint16(attrs[2:4])) &^ nlaFNested
		if length < syscall.SizeofRtAttr || length > len(attrs) {
			return
		}
		visit(kind, attrs[syscall.SizeofRtAttr:length])
		step := (length + 3) &^ 3
		if step >= len(attrs) {
			return
		}
		attrs = attrs[step:]
	}
}

func putS32Attr(into []byte, kind int, value int) {
	nativePutUint16(into[0:2], 8)
	nativePutUint16(into[2:4], uint16(kind))
	nativePutUint32(into[4:8], uint32(int32(value)))
}

func cString(value []byte) string {
	for i, b := range value {
		if b == 0 {
			return string(value[:i])
		}
	}
	return string(value)
}
