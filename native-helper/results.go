// What each method answers, as typed values: the Go half of the protocol that
// common/helperProtocol.ts types for the backend. protocol_fixtures_test.go
// round-trips the shared fixtures through these, so the two halves agree.
package main

// VersionResult identifies the helper; the backend checks Version.
type VersionResult struct {
	Version string `json:"version"`
	Go      string `json:"go"`
	Arch    string `json:"arch"`
	Pid     int    `json:"pid"`
}

// LinksResult is a namespace's links.
type LinksResult struct {
	Links []Link `json:"links"`
	// Truncated says what was cut from a dump past its bound (absent when nothing was).
	Truncated []string `json:"truncated,omitempty"`
}

// SnapshotResult is the host's links and each asked-for container namespace.
type SnapshotResult struct {
	Host       LinksResult `json:"host"`
	Namespaces []Namespace `json:"namespaces"`
}

// WatchResult says which pids are watched (0 is the host) and why others are not.
type WatchResult struct {
	Watching []int          `json:"watching"`
	Failed   map[int]string `json:"failed"`
}

// RouteResult is what `ip route get` would say.
type RouteResult struct {
	Reachable   bool   `json:"reachable"`
	Destination string `json:"destination"`
	Gateway     string `json:"gateway"`
	Source      string `json:"source"`
	Ifindex     int    `json:"ifindex"`
	Ifname      string `json:"ifname"`
	Reason      string `json:"reason,omitempty"`
}

// DNSTry is one question asked of one server.
type DNSTry struct {
	Name    string `json:"name"`
	Server  string `json:"server"`
	Rcode   string `json:"rcode"`
	Answers int    `json:"answers"`
}

// DNSResult is a lookup through the container's own resolver.
type DNSResult struct {
	Resolved   bool        `json:"resolved"`
	Name       string      `json:"name,omitempty"`
	Server     string      `json:"server,omitempty"`
	Answers    []DNSAnswer `json:"answers"`
	TimeMs     float64     `json:"timeMs"`
	ResolvConf *ResolvConf `json:"resolvConf,omitempty"`
	Tried      []DNSTry    `json:"tried"`
	Reason     string      `json:"reason,omitempty"`
}

// RTT is round-trip times in milliseconds.
type RTT struct {
	Min float64 `json:"min"`
	Avg float64 `json:"avg"`
	Max float64 `json:"max"`
}

// PingResult counts ICMP echoes and their replies.
type PingResult struct {
	Address  string         `json:"address"`
	Sent     int            `json:"sent"`
	Received int            `json:"received"`
	Errors   map[string]int `json:"errors"`
	RttMs    *RTT           `json:"rttMs,omitempty"`
}

// TCPResult is one connect: open, refused, timeout, unreachable or error.
type TCPResult struct {
	Address string  `json:"address"`
	Port    int     `json:"port"`
	TimeMs  float64 `json:"timeMs"`
	State   string  `json:"state"`
	Error   string  `json:"error,omitempty"`
}

// HTTPResult is one GET.
type HTTPResult struct {
	OK         bool              `json:"ok"`
	Status     int               `json:"status,omitempty"`
	StatusText string            `json:"statusText,omitempty"`
	Headers    map[string]string `json:"headers,omitempty"`
	Bytes      int64             `json:"bytes,omitempty"`
	TimeMs     float64           `json:"timeMs"`
	Error      string            `json:"error,omitempty"`
}

// WireResult names both ends of a veth pair wired by hand.
type WireResult struct {
	HostIfname       string `json:"hostIfname"`
	HostIfindex      int    `json:"hostIfindex"`
	ContainerIfname  string `json:"containerIfname"`
	ContainerIfindex int    `json:"containerIfindex"`
}

// WireFailure is the data of a wire-failed error: which step (1-based), why, and what was undone.
type WireFailure struct {
	Step   int    `json:"step"`
	Reason string `json:"reason"`
	Undone string `json:"undone"`
	// Clean says nothing is left behind (the pair is gone, or was never made).
	Clean bool `json:"clean"`
}

// UnwireResult names the host end deleted (its pair went with it).
type UnwireResult struct {
	Deleted string `json:"deleted"`
}

// NetlinkChange is the data of a "netlink" event: what changed, in which namespace.
type NetlinkChange struct {
	Pid     int    `json:"pid"`
	Netns   uint64 `json:"netns"`
	Kind    string `json:"kind"`
	Ifindex *int   `json:"ifindex,omitempty"`
	Ifname  string `json:"ifname,omitempty"`
	Action  string `json:"action,omitempty"`
}

// WireStep is the data of a "wire" event: one step's progress.
type WireStep struct {
	WireID int    `json:"wireId"`
	Step   int    `json:"step"`
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}
