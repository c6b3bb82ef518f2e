package main

// The shared fixtures (common/helperProtocol.fixtures.json), through the Go half
// of the protocol: every request decodes strictly into its method's params and
// every result, error and event into its type, and each encodes back to the
// same JSON. common/helperProtocol.test.ts puts the same file through the
// TypeScript half, so a field renamed on one side fails the other's.

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

type protocolFixtures struct {
	Requests map[string]json.RawMessage `json:"requests"`
	Results  map[string]json.RawMessage `json:"results"`
	Errors   []json.RawMessage          `json:"errors"`
	// ErrorCodes are the codes the backend knows a helper error by (common/helperProtocol.ts's, but its own helper-gone).
	ErrorCodes []ErrorCode                `json:"errorCodes"`
	Events     map[string]json.RawMessage `json:"events"`
}

// paramsOf and resultOf name the Go type of each method's two halves.
var paramsOf = map[string]func() interface{}{
	"version": func() interface{} { return &noParams{} }, "hostLinks": func() interface{} { return &noParams{} },
	"netnsLinks": func() interface{} { return &Target{} }, "snapshot": func() interface{} { return &snapshotParams{} },
	"watch": func() interface{} { return &targetsParams{} }, "route": func() interface{} { return &routeParams{} },
	"dns": func() interface{} { return &dnsParams{} }, "ping": func() interface{} { return &pingParams{} },
	"tcp": func() interface{} { return &tcpParams{} }, "http": func() interface{} { return &httpParams{} },
	"wire": func() interface{} { return &wireParams{} }, "unwire": func() interface{} { return &unwireParams{} },
	"hostTcp": func() interface{} { return &hostTCPParams{} }, "hostHttp": func() interface{} { return &hostHTTPParams{} },
	"counters": func() interface{} { return &countersParams{} }, "capture": func() interface{} { return &captureParams{} },
	"captureStop": func() interface{} { return &captureStopParams{} }, "sweepWires": func() interface{} { return &noParams{} },
	"firewall":        func() interface{} { return &noParams{} },
	"trace":           func() interface{} { return &traceParams{} },
	"captureUnderlay": func() interface{} { return &underlayCaptureParams{} },
}

var resultOf = map[string]func() interface{}{
	"version": func() interface{} { return &VersionResult{} }, "hostLinks": func() interface{} { return &LinksResult{} },
	"netnsLinks": func() interface{} { return &Namespace{} }, "snapshot": func() interface{} { return &SnapshotResult{} },
	"watch": func() interface{} { return &WatchResult{} }, "route": func() interface{} { return &RouteResult{} },
	"dns": func() interface{} { return &DNSResult{} }, "ping": func() interface{} { return &PingResult{} },
	"tcp": func() interface{} { return &TCPResult{} }, "http": func() interface{} { return &HTTPResult{} },
	"wire": func() interface{} { return &WireResult{} }, "unwire": func() interface{} { return &UnwireResult{} },
	"hostTcp": func() interface{} { return &TCPResult{} }, "hostHttp": func() interface{} { return &HTTPResult{} },
	"counters": func() interface{} { return &CountersResult{} }, "capture": func() interface{} { return &CaptureStarted{} },
	"captureStop": func() interface{} { return &captureStopParams{} }, "sweepWires": func() interface{} { return &SweepResult{} },
	"firewall":        func() interface{} { return &FirewallResult{} },
	"trace":           func() interface{} { return &TraceResult{} },
	"captureUnderlay": func() interface{} { return &CaptureStarted{} },
}

// roundTrip decodes raw strictly into value and checks it encodes back to the same JSON.
func roundTrip(t *testing.T, what string, raw json.RawMessage, value interface{}) {
	t.Helper()
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(value); err != nil {
		t.Fatalf("%s: does not decode strictly: %v", what, err)
	}
	encoded, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	var want, got interface{}
	json.Unmarshal(raw, &want)
	json.Unmarshal(encoded, &got)
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s: encodes back differently:\n want %s\n  got %s", what, raw, encoded)
	}
}

func TestSharedProtocolFixtures(t *testing.T) {
	text, err := os.ReadFile("../common/helperProtocol.fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixtures protocolFixtures
	if err := json.Unmarshal(text, &fixtures); err != nil {
		t.Fatal(err)
	}
	for name := range methods {
		if _, ok := fixtures.Requests[name]; !ok {
			t.Errorf("no fixture for the %s request", name)
		}
	}
	for name, raw := range fixtures.Requests {
		newParams, ok := paramsOf[name]
		if _, known := methods[name]; !ok || !known {
			t.Fatalf("fixture for %s, which the helper does not answer", name)
		}
		roundTrip(t, name+" request", raw, newParams())
	}
	for name, raw := range fixtures.Results {
		roundTrip(t, name+" result", raw, resultOf[name]())
	}
	known := map[ErrorCode]bool{}
	for _, code := range fixtures.ErrorCodes {
		known[code] = true
	}
	for _, raw := range fixtures.Errors {
		var body struct {
			Code    ErrorCode    `json:"code"`
			Message string       `json:"message"`
			Data    *WireFailure `json:"data,omitempty"`
		}
		roundTrip(t, "error", raw, &body)
		if !known[body.Code] {
			t.Errorf("an error fixture has the code %q, which the backend does not know", body.Code)
		}
	}
	// The same closed set on both sides: a code one side sends that the other does not know fails here.
	if len(errorCodes) != len(fixtures.ErrorCodes) {
		t.Errorf("the helper has %d error codes, the backend knows %d: %v vs %v", len(errorCodes), len(fixtures.ErrorCodes), errorCodes, fixtures.ErrorCodes)
	}
	for _, code := range errorCodes {
		if !known[code] {
			t.Errorf("the helper may send the error code %q, which the backend does not know", code)
		}
	}
	roundTrip(t, "netlink event", fixtures.Events["netlink"], &NetlinkChange{})
	roundTrip(t, "wire event", fixtures.Events["wire"], &WireStep{})
	roundTrip(t, "capturePackets event", fixtures.Events["capturePackets"], &capturePackets{})
	roundTrip(t, "captureEnd event", fixtures.Events["captureEnd"], &captureEnd{})
}
