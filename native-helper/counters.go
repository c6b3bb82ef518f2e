// Link counters (IFLA_STATS64) for live traffic rates: one link dump per
// namespace per sample, without addresses, so sampling a whole host every
// second stays cheap.
package main

import (
	"fmt"
	"syscall"
)

const (
	iflaStats64      = 23
	rtmGetStats      = 94
	rtmNewStats      = 92
	iflaStatsLink64  = 1
	maxCounterLinks  = 65536
	maxHostIfindexes = 65536
)

// Counters are one link's totals since it was made, as the kernel keeps them.
type Counters struct {
	RxBytes   uint64 `json:"rxBytes"`
	TxBytes   uint64 `json:"txBytes"`
	RxPackets uint64 `json:"rxPackets"`
	TxPackets uint64 `json:"txPackets"`
	RxDropped uint64 `json:"rxDropped"`
	TxDropped uint64 `json:"txDropped"`
}

// LinkCounters says which link (by ifindex) the counters are of.
type LinkCounters struct {
	Ifindex int `json:"ifindex"`
	Counters
}

// NamespaceCounters is one container namespace's links, or why it could not be read.
type NamespaceCounters struct {
	Pid   int            `json:"pid"`
	Links []LinkCounters `json:"links"`
	Error string         `json:"error,omitempty"`
}

// CountersResult is one sample of the host and the named namespaces.
type CountersResult struct {
	Host       []LinkCounters      `json:"host"`
	Namespaces []NamespaceCounters `json:"namespaces"`
}

// parseStats64 reads struct rtnl_link_stats64: rx_packets, tx_packets, rx_bytes, tx_bytes,
// rx_errors, tx_errors, rx_dropped, tx_dropped, … (u64 each, in that order).
func parseStats64(value []byte) (Counters, bool) {
	if len(value) < 8*8 {
		return Counters{}, false
	}
	field := func(index int) uint64 { return nativeUint64(value[index*8 : index*8+8]) }
	return Counters{RxPackets: field(0), TxPackets: field(1), RxBytes: field(2), TxBytes: field(3), RxDropped: field(6), TxDropped: field(7)}, true
}

// dumpCounters reads every link's counters in the calling thread's namespace with RTM_GETSTATS,
// asking for IFLA_STATS_LINK_64 alone: a few dozen bytes per link rather than a full link dump,
// which matters when a whole host is sampled every second.
func dumpCounters() ([]LinkCounters, error) {
	// struct if_stats_msg: family, two pad fields, ifindex (0: all), filter_mask.
	request := make([]byte, 12)
	request[0] = syscall.AF_UNSPEC
	nativePutUint32(request[8:12], 1<<(iflaStatsLink64-1))
	messages, err := netlinkDump(rtmGetStats, request, maxCounterLinks)
	if err != nil {
		return nil, fmt.Errorf("netlink stats dump: %w", err)
	}
	result := []LinkCounters{}
	for _, message := range messages {
		if message.Header.Type != rtmNewStats || len(message.Data) < 12 {
			continue
		}
		entry := LinkCounters{Ifindex: int(nativeUint32(message.Data[4:8]))}
		forEachAttr(message.Data[12:], func(kind int, value []byte) {
			if kind == iflaStatsLink64 {
				entry.Counters, _ = parseStats64(value)
			}
		})
		result = append(result, entry)
	}
	return result, nil
}

type countersParams struct {
	Targets []Target `json:"targets"`
	// Host, when given, names the host links wanted (by ifindex): only those are returned.
	Host *[]int `json:"host,omitempty"`
}

func methodCounters(_ *Helper, raw []byte) (interface{}, error) {
	var params countersParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := checkTargets(params.Targets); err != nil {
		return nil, err
	}
	if params.Host != nil && len(*params.Host) > maxHostIfindexes {
		return nil, badRequest("at most %d host links per request", maxHostIfindexes)
	}
	host, err := dumpCounters()
	if err != nil {
		return nil, err
	}
	if params.Host != nil {
		wanted := map[int]bool{}
		for _, ifindex := range *params.Host {
			wanted[ifindex] = true
		}
		kept := []LinkCounters{}
		for _, link := range host {
			if wanted[link.Ifindex] {
				kept = append(kept, link)
			}
		}
		host = kept
	}
	namespaces := make([]NamespaceCounters, len(params.Targets))
	forEachConcurrently(len(params.Targets), func(index int) {
		target := params.Targets[index]
		entry := NamespaceCounters{Pid: target.Pid, Links: []LinkCounters{}}
		ns, err := target.open()
		if err == nil {
			err = ns.run(func() error {
				links, dumpErr := dumpCounters()
				entry.Links = links
				return dumpErr
			})
			ns.Close()
		}
		if err != nil {
			entry.Links, entry.Error = []LinkCounters{}, err.Error()
		}
		namespaces[index] = entry
	})
	return CountersResult{Host: host, Namespaces: namespaces}, nil
}
