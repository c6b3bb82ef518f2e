// A trace: a probe's packets followed across the hops they should cross, all
// watched at once. A packet socket is opened on every hop (in its own
// namespace), the firewall's counters are read, the probe is sent from the
// source's namespace with a marker (ICMP echo id, or TCP/UDP source port), the
// hops are watched until the answers are in or the time is up, and the counters
// are read again: which hop saw the probe and its answer, and which rules (and
// chain policies) counted packets meanwhile, are what the backend explains.
// Bounded in hops, packets, bytes and time; the firewall is only read.
package main

import (
	"fmt"
	"sync"
	"syscall"
	"time"
)

const (
	maxTraceHops    = 12
	maxHitsPerHop   = 64
	maxTraceMs      = 10000
	traceProbes     = 3
	traceProbeGapMs = 150
)

type traceHopParams struct {
	// Target is the container whose namespace holds the interface; absent for the host's.
	Target *Target `json:"target,omitempty"`
	Ifname string  `json:"ifname"`
}

type traceParams struct {
	// Source is the container the probe leaves from; absent for the engine host itself.
	Source      *Target          `json:"source,omitempty"`
	Destination string           `json:"destination"`
	Proto       string           `json:"proto"`
	Port        int              `json:"port"`
	Size        int              `json:"size"`
	Hops        []traceHopParams `json:"hops"`
	TimeoutMs   int              `json:"timeoutMs"`
}

// TracePacket is one packet of the trace as a hop saw it.
type TracePacket struct {
	Kind   string  `json:"kind"`
	Src    string  `json:"src"`
	Dst    string  `json:"dst"`
	Size   int     `json:"size"`
	TimeMs float64 `json:"timeMs"`
}

// TraceHop is what one hop saw: the probe's requests and answers, errors about it, and ARP.
type TraceHop struct {
	Ifname   string        `json:"ifname"`
	Error    string        `json:"error,omitempty"`
	Requests int           `json:"requests"`
	Replies  int           `json:"replies"`
	Errors   int           `json:"errors"`
	Arp      int           `json:"arpRequests"`
	ArpReply int           `json:"arpReplies"`
	Packets  []TracePacket `json:"packets"`
	MTU      int           `json:"mtu"`
}

// CountedRule is a rule (or a base chain's policy, when Handle is 0) whose packet counter rose during the trace.
type CountedRule struct {
	Rule   *NftRule `json:"rule,omitempty"`
	Family string   `json:"family"`
	Table  string   `json:"table"`
	Chain  string   `json:"chain"`
	Policy string   `json:"policy,omitempty"`
	Delta  uint64   `json:"delta"`
}

// TraceResult is the trace's evidence, for the backend to explain.
type TraceResult struct {
	Marker  int    `json:"marker"`
	Sent    int    `json:"sent"`
	Replied bool   `json:"replied"`
	Outcome string `json:"outcome"` // replied, refused, timeout, unreachable, no-route, error
	Detail  string `json:"detail,omitempty"`
	// Route is the source's route lookup for the destination ("" when it has none).
	RouteIfname string        `json:"routeIfname"`
	Hops        []TraceHop    `json:"hops"`
	Counted     []CountedRule `json:"counted"`
	// FirewallError says why the counters could not be read (the rest of the trace stands).
	FirewallError string  `json:"firewallError,omitempty"`
	ElapsedMs     float64 `json:"elapsedMs"`
	// LastSentMs is when the last probe left the source, from the trace's start: the answer's delay is measured from it.
	LastSentMs float64 `json:"lastSentMs"`
}

type openedHop struct {
	result *TraceHop
	fd     int
}

func methodTrace(_ *Helper, raw []byte) (interface{}, error) {
	var p traceParams
	if err := DecodeParams(raw, &p); err != nil {
		return nil, err
	}
	ip, err := parseTarget(p.Destination)
	if err != nil || ip.To4() == nil {
		return nil, badRequest("destination must be an IPv4 address")
	}
	if p.Proto != "icmp" && p.Proto != "tcp" && p.Proto != "udp" {
		return nil, badRequest("proto must be icmp, tcp or udp")
	}
	if p.Proto != "icmp" && (p.Port < 1 || p.Port > 65535) {
		return nil, badRequest("port must be 1 to 65535 for %s", p.Proto)
	}
	if p.Size == 0 {
		p.Size = 56
	}
	if p.Size < 8 || p.Size > 9000 {
		return nil, badRequest("size must be 8 to 9000")
	}
	if len(p.Hops) == 0 || len(p.Hops) > maxTraceHops {
		return nil, badRequest("1 to %d hops", maxTraceHops)
	}
	timeout := clampMs(p.TimeoutMs, 200, maxTraceMs, 2000)
	if timeout < 0 {
		return nil, badRequest("timeoutMs must be 200 to %d", maxTraceMs)
	}
	var source *Netns
	if p.Source != nil {
		if source, err = p.Source.open(); err != nil {
			return nil, err
		}
		defer source.Close()
	}
	inSource := func(fn func() error) error {
		if source == nil {
			return fn()
		}
		return source.run(fn)
	}
	started := time.Now()
	result := TraceResult{Hops: []TraceHop{}, Counted: []CountedRule{}}
	// Where the source would send it: no route, no packet anywhere.
	if err := inSource(func() error {
		route, routeErr := routeGet(ip)
		if routeErr == nil && route.Reachable {
			result.RouteIfname = route.Ifname
		}
		return nil
	}); err != nil {
		return nil, err
	}
	hops := openHops(p.Hops)
	defer func() {
		for _, hop := range hops {
			if hop.fd >= 0 {
				syscall.Close(hop.fd)
			}
		}
	}()
	before, firewallErr := readFirewall()
	marker := 40000 + randomUint16()%20000
	result.Marker = int(marker)
	var watching sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	for _, hop := range hops {
		if hop.fd < 0 {
			continue
		}
		watching.Add(1)
		go func(hop openedHop) {
			defer watching.Done()
			watchHop(hop, p.Proto, marker, started, stop, &mu)
		}(hop)
	}
	if result.RouteIfname == "" {
		result.Outcome, result.Detail = "no-route", fmt.Sprintf("the source has no route to %s", ip)
	} else {
		var lastSent time.Time
		result.Sent, result.Outcome, result.Detail = sendProbe(inSource, p, ip, marker, timeout, &lastSent)
		if !lastSent.IsZero() {
			result.LastSentMs = float64(lastSent.Sub(started).Microseconds()) / 1000
		}
		result.Replied = result.Outcome == "replied" || result.Outcome == "refused"
	}
	// Answers and errors may still be crossing the last hops.
	time.Sleep(300 * time.Millisecond)
	close(stop)
	watching.Wait()
	for _, hop := range hops {
		result.Hops = append(result.Hops, *hop.result)
	}
	if firewallErr == nil {
		after, err := readFirewall()
		if err == nil {
			result.Counted = countedDuring(before, after)
		} else {
			firewallErr = err
		}
	}
	if firewallErr != nil {
		result.FirewallError = firewallErr.Error()
	}
	result.ElapsedMs = msSince(started)
	return result, nil
}

// openHops opens a packet socket on each hop, in its namespace; a hop that cannot be watched says why.
func openHops(params []traceHopParams) []openedHop {
	hops := []openedHop{}
	for _, hop := range params {
		opened := openedHop{result: &TraceHop{Ifname: hop.Ifname, Packets: []TracePacket{}}, fd: -1}
		hops = append(hops, opened)
		if err := validIfname(hop.Ifname); err != nil {
			opened.result.Error = err.Error()
			continue
		}
		open := func() error {
			links, err := dumpLinks()
			if err != nil {
				return err
			}
			for _, link := range links {
				if link.Name == hop.Ifname {
					opened.result.MTU = link.MTU
					fd, err := openPacketSocket(link.Ifindex)
					if err != nil {
						return err
					}
					hops[len(hops)-1].fd = fd
					return nil
				}
			}
			return fmt.Errorf("no interface %s there", hop.Ifname)
		}
		var err error
		if hop.Target == nil {
			err = open()
		} else {
			var ns *Netns
			if ns, err = hop.Target.open(); err == nil {
				err = ns.run(open)
				ns.Close()
			}
		}
		if err != nil {
			opened.result.Error = err.Error()
		}
	}
	return hops
}

// watchHop reads one hop's frames until stop, counting the trace's.
func watchHop(hop openedHop, proto string, marker uint16, started time.Time, stop <-chan struct{}, mu *sync.Mutex) {
	buffer := make([]byte, 65536)
	for {
		select {
		case <-stop:
			return
		default:
		}
		n, _, err := syscall.Recvfrom(hop.fd, buffer, syscall.MSG_TRUNC)
		if err != nil {
			continue // the socket's timeout (200 ms): look at stop again
		}
		kept := n
		if kept > len(buffer) {
			kept = len(buffer)
		}
		hit, ok := matchTraceFrame(buffer[:kept], proto, marker)
		if !ok {
			continue
		}
		mu.Lock()
		r := hop.result
		switch hit.kind {
		case "request":
			r.Requests++
		case "reply":
			r.Replies++
		case "error":
			r.Errors++
		case "arp-request":
			r.Arp++
		case "arp-reply":
			r.ArpReply++
		}
		if len(r.Packets) < maxHitsPerHop && hit.kind != "arp-request" && hit.kind != "arp-reply" {
			r.Packets = append(r.Packets, TracePacket{Kind: hit.kind, Src: hit.src.String(), Dst: hit.dst.String(), Size: n, TimeMs: msSince(started)})
		}
		mu.Unlock()
	}
}

// countedDuring lists the rules and base chain policies whose packet counters rose between two reads.
func countedDuring(before, after FirewallResult) []CountedRule {
	key := func(r NftRule) string { return fmt.Sprintf("%s/%s/%s/%d", r.Family, r.Table, r.Chain, r.Handle) }
	packetsOf := func(r NftRule) uint64 {
		for _, e := range r.Exprs {
			if e.Kind == "counter" && e.Packets != nil {
				return *e.Packets
			}
		}
		return 0
	}
	was := map[string]uint64{}
	for _, r := range before.Rules {
		was[key(r)] = packetsOf(r)
	}
	counted := []CountedRule{}
	for i := range after.Rules {
		rule := after.Rules[i]
		if now, old := packetsOf(rule), was[key(rule)]; now > old {
			counted = append(counted, CountedRule{Rule: &after.Rules[i], Family: rule.Family, Table: rule.Table, Chain: rule.Chain, Delta: now - old})
		}
	}
	chainWas := map[string]uint64{}
	for _, c := range before.Chains {
		if c.Counters != nil {
			chainWas[c.Family+"/"+c.Table+"/"+c.Name] = c.Counters.Packets
		}
	}
	for _, c := range after.Chains {
		if c.Counters == nil {
			continue
		}
		if old, ok := chainWas[c.Family+"/"+c.Table+"/"+c.Name]; ok && c.Counters.Packets > old {
			counted = append(counted, CountedRule{Family: c.Family, Table: c.Table, Chain: c.Name, Policy: c.Policy, Delta: c.Counters.Packets - old})
		}
		if len(counted) > 256 {
			break
		}
	}
	return counted
}
