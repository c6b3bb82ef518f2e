// dockwire-helper: the only privileged part of Dockwire. It reads kernel facts
// (links, addresses, routes, namespace ids) over rtnetlink and reports netlink
// changes, speaking JSON lines on stdin/stdout. It never runs a program.
// Logs go to stderr. It exits when stdin closes.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// maxInFlight caps concurrent requests (each may hold an OS thread in a namespace);
// maxQueued caps those waiting for a turn (each holds its line, at most 64 KiB).
const (
	maxInFlight = 32
	maxQueued   = 224
)

// Helper holds the output stream and the netlink watcher.
type Helper struct {
	mu      sync.Mutex
	out     *bufio.Writer
	watcher *watcher
	// table replaces the real methods (fuzzing the decoder against stubs); nil: the real ones.
	table map[string]handler
}

func (h *Helper) write(value interface{}) {
	line, err := json.Marshal(value)
	if err != nil {
		line, _ = json.Marshal(Response{Error: &ErrorBody{Code: codeInternal, Message: "unencodable reply"}})
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.out.Write(line)
	h.out.WriteByte('\n')
	h.out.Flush()
}

// requestDeadline bounds every request: the backend gets an answer, a timeout at worst,
// before its own deadline (30 s) passes.
var requestDeadline = 25 * time.Second

// Handle answers one request line: exactly one response, whatever the method does
// (a panic becomes an internal error; a method past the deadline, a timeout error).
func (h *Helper) Handle(line []byte) Response {
	request, err := DecodeRequest(line)
	if err != nil {
		return Response{ID: request.ID, Error: errorBody(err)}
	}
	method, ok := h.methods()[request.Method]
	if !ok {
		return Response{ID: request.ID, Error: &ErrorBody{Code: codeUnknownMethod, Message: "unknown method: " + truncate(request.Method, 64)}}
	}
	answer := make(chan Response, 1)
	go func() {
		defer func() {
			if failure := recover(); failure != nil {
				log.Printf("%s panicked: %v\n%s", request.Method, failure, debug.Stack())
				answer <- Response{ID: request.ID, Error: &ErrorBody{Code: codeInternal, Message: fmt.Sprintf("the helper failed on %s: %v", request.Method, failure)}}
			}
		}()
		result, err := method(h, request.Params)
		if err != nil {
			answer <- Response{ID: request.ID, Error: errorBody(err)}
			return
		}
		answer <- Response{ID: request.ID, Result: result}
	}()
	timer := time.NewTimer(requestDeadline)
	defer timer.Stop()
	select {
	case response := <-answer:
		return response
	case <-timer.C:
		return Response{ID: request.ID, Error: &ErrorBody{Code: codeTimeout, Message: fmt.Sprintf("%s took longer than %v", request.Method, requestDeadline)}}
	}
}

// methods is the table this helper answers from (tests put stubs in it).
func (h *Helper) methods() map[string]handler {
	if h.table != nil {
		return h.table
	}
	return methods
}

func truncate(text string, max int) string {
	if len(text) > max {
		return text[:max]
	}
	return text
}

// gcPercent and memoryLimit: reading a big host's namespaces makes many short-lived buffers (netlink messages,
// their copies, JSON), and the collector ran through a quarter of the read. Collecting at five times the live
// heap rather than twice took a 1000-namespace snapshot from 0.72 to 0.52 s here (medians of 8; peak RSS 20
// -> 32 MB). The soft limit keeps the heap well inside the helper container's 256 MiB: near it, the collector
// runs as often as it must.
const (
	gcPercent   = 400
	memoryLimit = 160 << 20
)

func main() {
	log.SetOutput(os.Stderr)
	log.SetPrefix("dockwire-helper: ")
	mode, idle, err := parseArgs(os.Args[1:])
	if err != nil {
		log.Print(err)
		os.Exit(2)
	}
	if mode == modeKeep {
		if err := keep(keepFifo, idle); err != nil {
			log.Print(err)
			os.Exit(1)
		}
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
	helper := &Helper{out: bufio.NewWriter(os.Stdout)}
	helper.watcher = newWatcher(func(event Event) { helper.write(event) })
	if mode == modeKept {
		done, finished := make(chan struct{}), make(chan struct{})
		go func() { inUse(keepFifo, idle, done); close(finished) }()
		defer func() { close(done); <-finished }()
	}
	helper.serve(os.Stdin)
}

// serve answers request lines until input ends. Requests are answered concurrently
// (a probe may wait on a timeout), at most maxInFlight at once, with up to maxQueued more
// waiting; past that a request is refused as busy. Replies carry their ids, so order does
// not matter. The reader itself never waits, and the heartbeat ("version") is answered at
// once: a helper busy with a burst of namespace reads is alive and must not be replaced.
func (h *Helper) serve(input io.Reader) {
	reader := bufio.NewReaderSize(input, 4096)
	inFlight := make(chan struct{}, maxInFlight)
	admitted := make(chan struct{}, maxInFlight+maxQueued)
	var pending sync.WaitGroup
	for {
		line, tooLong, err := readLine(reader, MaxRequestBytes)
		if tooLong {
			h.write(Response{Error: &ErrorBody{Code: codeBadRequest, Message: fmt.Sprintf("request larger than %d bytes", MaxRequestBytes)}})
		} else if isHeartbeat(line) {
			h.write(h.Handle(line))
		} else if len(line) > 0 {
			select {
			case admitted <- struct{}{}:
				pending.Add(1)
				go func(line []byte) {
					defer func() { <-admitted; pending.Done() }()
					inFlight <- struct{}{}
					defer func() { <-inFlight }()
					h.write(h.Handle(line))
				}(line)
			default:
				request, _ := DecodeRequest(line)
				h.write(Response{ID: request.ID, Error: &ErrorBody{Code: codeBusy, Message: fmt.Sprintf("the helper has %d requests waiting; try again", maxInFlight+maxQueued)}})
			}
		}
		if err == io.EOF {
			pending.Wait()
			return
		}
		if err != nil {
			log.Printf("reading stdin: %v", err)
			return
		}
	}
}

func isHeartbeat(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	request, err := DecodeRequest(line)
	return err == nil && request.Method == "version"
}

// readLine reads up to a newline; a line longer than max is consumed and reported, never buffered whole.
func readLine(reader *bufio.Reader, max int) ([]byte, bool, error) {
	var line []byte
	tooLong := false
	for {
		chunk, isPrefix, err := reader.ReadLine()
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > max {
				tooLong, line = true, nil
			}
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}
