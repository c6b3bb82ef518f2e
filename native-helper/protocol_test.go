package main

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"
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
	`{"id":1,"method":"snapshot","params":{"pids":[1,-1]}}`,
	`{"id":1,"method":"watch","params":{"pids":"all"}}`,
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
	if response.Error != nil || response.Result.(map[string]interface{})["version"] != Version {
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

// FuzzHandle: any input line gets exactly one well-formed JSON response.
func FuzzHandle(f *testing.F) {
	for _, line := range badRequests {
		f.Add(line)
	}
	f.Add(`{"id":1,"method":"version"}`)
	f.Add(`{"id":2,"method":"netnsLinks","params":{"pid":1}}`)
	helper := &Helper{watcher: newWatcher(func(Event) {})}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.Contains(line, `"watch"`) || strings.Contains(line, `"snapshot"`) {
			return // these touch many namespaces; their params are fuzzed through DecodeParams below
		}
		response := helper.Handle([]byte(line))
		if (response.Error == nil) == (response.Result == nil) {
			t.Fatalf("%q: want exactly one of result and error: %+v", line, response)
		}
		if _, err := json.Marshal(response); err != nil {
			t.Fatalf("%q: unencodable response: %v", line, err)
		}
	})
}

// FuzzDecodeParams: strict params decoding never panics and never accepts unknown fields.
func FuzzDecodeParams(f *testing.F) {
	f.Add(`{"pids":[1,2,3]}`)
	f.Add(`{"pids":[1],"more":1}`)
	f.Add(`{"pid":1}`)
	f.Fuzz(func(t *testing.T, raw string) {
		var params pidsParams
		if err := DecodeParams([]byte(raw), &params); err == nil {
			if err := validPids(params.Pids); err == nil && len(params.Pids) > maxPids {
				t.Fatalf("accepted %d pids", len(params.Pids))
			}
		}
	})
}
