// Link counters (IFLA_STATS64) for live traffic rates: one link dump per
// namespace per sample, without addresses, so sampling a whole host every
// second stays cheap.
package main

import (
	"syscall"
)

const iflaStats64 = 23

// Counters are one link's totals since it was made, as the kernel keeps them.
type Counters struct {
	RxBytes   uint64 `json:"rxBytes"`
	TxBytes   uint64 `json:"txBytes"`
	RxPackets uint64 `json:"rxPackets"`
	TxPackets uint64 `json:"txPackets"`
	RxDropped uint64 `json:"rxDropped"`
	TxDropped uint64 `json:"txDropped"`
}

// LinkCounters names the link the counters are of.
type LinkCounters struct {
	Ifindex int    `json:"ifindex"`
	Name    string `json:"name"`
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

// dumpCounters reads every link's counters in the calling thread's namespace.
func dumpCounters() ([]LinkCounters, error) {
	raw, err := syscall.NetlinkRIB(syscall.RTM_GETLINK, syscall.AF_UNSPEC)
	if err != nil {
		return nil, err
	}
	messages, err := syscall.ParseNetlinkMessage(raw)
	if err != nil {
		return nil, err
	}
	result := []LinkCounters{}
	for i := range messages {
		if messages[i].Header.Type != syscall.RTM_NEWLINK || len(messages[i].Data) < syscall.SizeofIfInfomsg {
			continue
		}
		info := (*syscall.IfInfomsg)(unsafePointer(messages[i].Data))
		entry := LinkCounters{Ifindex: int(info.Index)}
		forEachAttr(messages[i].Data[syscall.SizeofIfInfomsg:], func(kind int, value []byte) {
			switch kind {
			case syscall.IFLA_IFNAME:
				entry.Name = cString(value)
			case iflaStats64:
				if counters, ok := parseStats64(value); ok {
					entry.Counters = counters
				}
			}
		})
		result = append(result, entry)
	}
	return result, nil
}

func methodCounters(_ *Helper, raw []byte) (interface{}, error) {
	var params targetsParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := checkTargets(params.Targets); err != nil {
		return nil, err
	}
	host, err := dumpCounters()
	if err != nil {
		return nil, err
	}
	namespaces := make([]NamespaceCounters, len(params.Targets))
	forEachConcurrently(len(params.Targets), func(index int) {
		target := params.Targets[index]
		entry := NamespaceCounters{Pid: target.Pid, Links: []LinkCounters{}}
		err := target.check()
		if err == nil {
			err = inNetns(target.Pid, func() error {
				links, dumpErr := dumpCounters()
				entry.Links = links
				return dumpErr
			})
		}
		if err != nil {
			entry.Links, entry.Error = []LinkCounters{}, err.Error()
		}
		namespaces[index] = entry
	})
	return CountersResult{Host: host, Namespaces: namespaces}, nil
}
