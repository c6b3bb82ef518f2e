package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// Bad inputs the helper must answer with an error, never a crash.
var badRequests = []string{
	``,
	`not json`,
	`{`,
	`[]`,
	`null`,
	`"string"`,
	`{"id":"1","method":"version"}`,
	`{"id":-3,"method":"version"}`,
	`{"id":1.5,"method":"version"}`,
	`{"id":1}`,
	`{"id":1,"method":7}`,
	`{"id":1,"method":"version","extra":true}`,
	`{"id":1,"method":"version"} {"id":2}`,
	`{"id":1,"method":"exec","params":{"cmd":"sh"}}`,
	`{"id":1,"method":"netnsLinks","params":{"pid":"1"}}`,
	`{"id":1,"method":"netnsLinks","params":{"pid":0}}`,
	`{"id":1,"method":"netnsLinks","params":{"pid":99999999}}`,
	`{"id":1,"method":"netnsLinks","params":{"pid":1,"path":"/etc/shadow"}}`,
	`{"id":1,"method":"netnsLinks","params":[1]}`,
	// The host's init is never a container's: refused however it is named.
	`{"id":1,"method":"netnsLinks","params":{"pid":1}}`,
	`{"id":1,"method":"netnsLinks","params":{"pid":1,"container":"4b6134ff524daf6b8a0347f1815e808be6715482532a0a95dbb689953b70cf5c"}}`,
	`{"id":1,"method":"ping","params":{"pid":1,"container":"4b6134ff524daf6b8a0347f1815e808be6715482532a0a95dbb689953b70cf5c","address":"127.0.0.1"}}`,
	`{"id":1,"method":"snapshot","params":{"targets":[{"pid":-1,"container":"x"}]}}`,
	`{"id":1,"method":"snapshot","params":{"pids":[1]}}`,
	`{"id":1,"method":"snapshot","params":{"targets":[],"hostLinks":[0]}}`,
	`{"id":1,"method":"snapshot","params":{"targets":[],"hostLinks":[4294967296]}}`,
	`{"id":1,"method":"snapshot","params":{"targets":[],"hostLinks":"all"}}`,
	`{"id":1,"method":"watch","params":{"targets":"all"}}`,
	`{"id":1,"method":"version","params":{"x":1}}`,
}

func TestBadRequestsGetErrors(t *testing.T) {
	helper := &Helper{watcher: newWatcher(func(Event) {})}
	for _, line := range badRequests {
		response := helper.Handle([]byte(line))
		if response.Error == nil {
			t.Errorf("%q: expected an error, got %+v", line, response.Result)
		}
	}
}

func TestUnknownMethodKeepsTheId(t *testing.T) {
	helper := &Helper{watcher: newWatcher(func(Event) {})}
	response := helper.Handle([]byte(`{"id":42,"method":"reboot"}`))
	if response.ID != 42 || response.Error == nil || response.Error.Code != "unknown-method" {
		t.Fatalf("got %+v", response)
	}
}

func TestVersion(t *testing.T) {
	helper := &Helper{watcher: newWatcher(func(Event) {})}
	response := helper.Handle([]byte(`{"id":1,"method":"version"}`))
	if response.Error != nil || response.Result.(VersionResult).Version != Version {
		t.Fatalf("got %+v", response)
	}
}

func TestOversizedLineIsConsumedAndReported(t *testing.T) {
	input := strings.Repeat("x", MaxRequestBytes+10) + "\n" + `{"id":1,"method":"version"}` + "\n"
	reader := bufio.NewReaderSize(strings.NewReader(input), 4096)
	line, tooLong, err := readLine(reader, MaxRequestBytes)
	if !tooLong || line != nil || err != nil {
		t.Fatalf("first line: tooLong=%v len=%d err=%v", tooLong, len(line), err)
	}
	line, tooLong, _ = readLine(reader, MaxRequestBytes)
	if tooLong || string(line) != `{"id":1,"method":"version"}` {
		t.Fatalf("second line: %q", line)
	}
}

func TestASnapshotOfAsManyContainersAsAllowedFitsInOneRequest(t *testing.T) {
	targets := make([]string, maxPids)
	for i := range targets {
		targets[i] = fmt.Sprintf(`{"pid":%d,"container":"%064x"}`, 4_000_000+i, i)
	}
	line := `{"id":7,"method":"snapshot","params":{"targets":[` + strings.Join(targets, ",") + `]}}`
	reader := bufio.NewReaderSize(strings.NewReader(line+"\n"), 4096)
	read, tooLong, err := readLine(reader, MaxRequestBytes)
	if tooLong || err != nil || len(read) != len(line) {
		t.Fatalf("a snapshot of %d containers (%d bytes) was refused: tooLong=%v err=%v", maxPids, len(line), tooLong, err)
	}
	if _, err := DecodeRequest(read); err != nil {
		t.Fatalf("decode: %v", err)
	}
}

// stubMethods answer every method name with its params decoded strictly into a
// generic value, touching nothing: the fuzzer exercises the decoder and the
// dispatch, never the real kernel methods (which it must not run as root).
func stubMethods() map[string]handler {
	table := map[string]handler{}
	for name := range methods {
		table[name] = func(_ *Helper, raw []byte) (interface{}, error) {
			var params map[string]interface{}
			if err := DecodeParams(raw, &params); err != nil {
				return nil, err
			}
			if len(params)%7 == 3 {
				panic("a stub that panics, as a method with a bug would")
			}
			return map[string]interface{}{"params": len(params)}, nil
		}
	}
	return table
}

// FuzzHandle: any input line gets exactly one well-formed JSON response, even when the method panics.
func FuzzHandle(f *testing.F) {
	for _, line := range badRequests {
		f.Add(line)
	}
	f.Add(`{"id":1,"method":"version"}`)
	f.Add(`{"id":2,"method":"wire","params":{"pid":1,"container":"x","bridge":"docker0","a":1}}`)
	helper := &Helper{watcher: newWatcher(func(Event) {}), table: stubMethods()}
	f.Fuzz(func(t *testing.T, line string) {
		response := helper.Handle([]byte(line))
		if (response.Error == nil) == (response.Result == nil) {
			t.Fatalf("%q: want exactly one of result and error: %+v", line, response)
		}
		if _, err := json.Marshal(response); err != nil {
			t.Fatalf("%q: unencodable response: %v", line, err)
		}
	})
}

// FuzzDecodeParams: strict decoding of every params shape never panics, never accepts unknown
// fields, and the checks that need no kernel bound what passes.
func FuzzDecodeParams(f *testing.F) {
	f.Add(`{"targets":[{"pid":1,"container":"4b6134ff524daf6b8a0347f1815e808be6715482532a0a95dbb689953b70cf5c"}]}`)
	f.Add(`{"targets":[{"pid":1}],"more":1}`)
	f.Add(`{"wireId":1,"pid":1,"container":"c","bridge":"docker0","hostIfname":"A","containerIfname":"eth0","address":"10.0.0.2/24"}`)
	f.Fuzz(func(t *testing.T, raw string) {
		var targets targetsParams
		if DecodeParams([]byte(raw), &targets) == nil && checkTargets(targets.Targets) == nil {
			for _, target := range targets.Targets {
				if !containerIDPattern.MatchString(target.Container) || target.Pid < 1 || target.Pid > maxPid || len(targets.Targets) > maxPids {
					t.Fatalf("accepted %+v", target)
				}
			}
		}
		for _, params := range []interface{}{&wireParams{}, &unwireParams{}, &pingParams{}, &tcpParams{}, &dnsParams{}, &httpParams{}, &routeParams{}} {
			DecodeParams([]byte(raw), params)
		}
	})
}

func TestAPanickingMethodIsAnErrorReplyAndTheHelperGoesOn(t *testing.T) {
	helper := &Helper{table: map[string]handler{"boom": func(*Helper, []byte) (interface{}, error) { panic("bug") }}}
	response := helper.Handle([]byte(`{"id":5,"method":"boom"}`))
	if response.ID != 5 || response.Error == nil || response.Error.Code != "internal" || !strings.Contains(response.Error.Message, "bug") {
		t.Fatalf("got %+v", response)
	}
}

func TestASlowMethodIsATimeoutReply(t *testing.T) {
	previous := requestDeadline
	requestDeadline = 50 * time.Millisecond
	defer func() { requestDeadline = previous }()
	helper := &Helper{table: map[string]handler{"slow": func(*Helper, []byte) (interface{}, error) { time.Sleep(time.Second); return 1, nil }}}
	response := helper.Handle([]byte(`{"id":6,"method":"slow"}`))
	if response.ID != 6 || response.Error == nil || response.Error.Code != "timeout" {
		t.Fatalf("got %+v", response)
	}
}

// FuzzReadLine: the line framing never buffers past its limit, and always makes progress.
func FuzzReadLine(f *testing.F) {
	f.Add([]byte("{\"id\":1}\n{\"id\":2}\n"), 16)
	f.Add([]byte(strings.Repeat("x", 100)), 8)
	f.Fuzz(func(t *testing.T, input []byte, max int) {
		if max < 1 || max > 1<<16 {
			return
		}
		reader := bufio.NewReaderSize(strings.NewReader(string(input)), 16)
		for i := 0; i <= len(input)+1; i++ {
			line, tooLong, err := readLine(reader, max)
			if len(line) > max || (tooLong && line != nil) {
				t.Fatalf("line of %d bytes (max %d), tooLong %v", len(line), max, tooLong)
			}
			if err != nil {
				return
			}
		}
		t.Fatal("readLine did not reach the end of its input")
	})
}

// With every slot taken by slow requests and more waiting, the heartbeat is still answered
// at once, and requests past the queue are refused as busy instead of blocking the reader.
func TestTheHeartbeatIsAnsweredWhileEverySlotIsBusy(t *testing.T) {
	release := make(chan struct{})
	output, replies := io.Pipe()
	helper := &Helper{out: bufio.NewWriter(replies), table: map[string]handler{
		"version": methodVersion,
		"slow":    func(*Helper, []byte) (interface{}, error) { <-release; return 1, nil },
	}}
	input, requests := io.Pipe()
	go helper.serve(input)
	go func() {
		for id := 1; id <= maxInFlight+maxQueued+1; id++ {
			fmt.Fprintf(requests, "{\"id\":%d,\"method\":\"slow\"}\n", id)
		}
		fmt.Fprintf(requests, "{\"id\":%d,\"method\":\"version\"}\n", 9999)
	}()
	lines := bufio.NewScanner(output)
	deadline := time.AfterFunc(5*time.Second, func() { output.Close() })
	defer deadline.Stop()
	var busy, heartbeat bool
	for !(busy && heartbeat) && lines.Scan() {
		var response Response
		if err := json.Unmarshal(lines.Bytes(), &response); err != nil {
			t.Fatalf("reply %q: %v", lines.Text(), err)
		}
		switch {
		case response.ID == 9999 && response.Error == nil:
			heartbeat = true
		case response.Error != nil && response.Error.Code == "busy" && response.ID == maxInFlight+maxQueued+1:
			busy = true
		default:
			t.Fatalf("unexpected reply while the slow ones wait: %s", lines.Text())
		}
	}
	if !busy || !heartbeat {
		t.Fatalf("busy refusal %v, heartbeat answered %v (within 5 s)", busy, heartbeat)
	}
	close(release)
	requests.Close()
}
