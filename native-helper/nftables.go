// Reading the firewall of the calling thread's network namespace (the host's, for the helper) over
// netlink: every nf_tables chain with its policy and counters, and every rule with its expressions
// and counters, in two bounded dumps. Read-only: the helper never changes the firewall. Tables that
// legacy iptables (not iptables-nft) keeps are not nf_tables and cannot be read this way; they are
// named so the backend can say so.
package main

import (
	"fmt"
	"strings"
	"syscall"
)

const (
	netlinkNetfilter   = 12
	nfnlSubsysNftables = 10
	nftMsgGetChain     = 4
	nftMsgNewChain     = 3
	nftMsgGetRule      = 7
	nftMsgNewRule      = 6
	// A Docker host has a few dozen chains and a few rules per container and port; these are far past that.
	maxNftChains = 4096
	maxNftRules  = 65536
)

// FirewallResult is the firewall as the kernel holds it now.
type FirewallResult struct {
	Chains []NftChain `json:"chains"`
	Rules  []NftRule  `json:"rules"`
	// Legacy names the tables of legacy iptables in use (not read: they are not nf_tables).
	Legacy []string `json:"legacy"`
	// Truncated says a dump was longer than its bound and only its start is here.
	Truncated []string `json:"truncated,omitempty"`
}

func openNetfilterSocket() (int, error) {
	socket, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, netlinkNetfilter)
	if err != nil {
		return -1, err
	}
	if err := syscall.Bind(socket, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		syscall.Close(socket)
		return -1, err
	}
	timeout := syscall.Timeval{Sec: 5}
	if err := syscall.SetsockoptTimeval(socket, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &timeout); err != nil {
		syscall.Close(socket)
		return -1, err
	}
	return socket, nil
}

// nftDump asks for every object of one kind (all families) and hands each answer's payload to keep, at most max.
func nftDump(request uint16, answer uint16, max int, keep func(data []byte)) (bool, error) {
	socket, err := openNetfilterSocket()
	if err != nil {
		return false, err
	}
	defer syscall.Close(socket)
	// nfgenmsg: family NFPROTO_UNSPEC (every family), version 0, res_id 0.
	if err := sendNetlink(socket, nfnlSubsysNftables<<8|request, syscall.NLM_F_REQUEST|syscall.NLM_F_DUMP, make([]byte, 4)); err != nil {
		return false, err
	}
	count, truncated := 0, false
	err = receiveDump(socket, maxDumpDatagrams*4, func(message syscall.NetlinkMessage) error {
		if message.Header.Type>>8 != nfnlSubsysNftables || nftMessageKind(message) != answer {
			return nil
		}
		if count == max {
			truncated = true
			return errDumpFull
		}
		count++
		keep(message.Data)
		return nil
	})
	if err == errDumpFull {
		return true, nil
	}
	return truncated, err
}

// readFirewall reads every chain and rule of the calling thread's namespace (all of it again if a dump was
// interrupted: rules and chains read from two different rulesets would not agree).
func readFirewall() (FirewallResult, error) {
	return untilConsistent(readFirewallOnce)
}

// readFirewallOnce is one try of readFirewall.
func readFirewallOnce() (FirewallResult, error) {
	result := FirewallResult{Chains: []NftChain{}, Rules: []NftRule{}, Legacy: legacyTables()}
	truncated, err := nftDump(nftMsgGetChain, nftMsgNewChain, maxNftChains, func(data []byte) {
		if chain, ok := decodeChain(data); ok {
			result.Chains = append(result.Chains, chain)
		}
	})
	if err != nil {
		return result, fmt.Errorf("nf_tables chain dump: %w", err)
	}
	if truncated {
		result.Truncated = append(result.Truncated, fmt.Sprintf("chains: more than %d, the first %d read", maxNftChains, maxNftChains))
	}
	truncated, err = nftDump(nftMsgGetRule, nftMsgNewRule, maxNftRules, func(data []byte) {
		if rule, ok := decodeRule(data); ok {
			result.Rules = append(result.Rules, rule)
		}
	})
	if err != nil {
		return result, fmt.Errorf("nf_tables rule dump: %w", err)
	}
	if truncated {
		result.Truncated = append(result.Truncated, fmt.Sprintf("rules: more than %d, the first %d read", maxNftRules, maxNftRules))
	}
	return result, nil
}

// legacyTables names the tables legacy iptables holds (ip_tables and ip6_tables), which nf_tables does not show.
func legacyTables() []string {
	names := []string{}
	for _, file := range []string{"/proc/net/ip_tables_names", "/proc/net/ip6_tables_names"} {
		text, err := readSmall(file)
		if err != nil {
			continue
		}
		for _, name := range strings.Fields(text) {
			if len(names) < 16 {
				names = append(names, strings.TrimSuffix(file[len("/proc/net/"):], "_names")+":"+name)
			}
		}
	}
	return names
}

func methodFirewall(_ *Helper, raw []byte) (interface{}, error) {
	if err := DecodeParams(raw, &noParams{}); err != nil {
		return nil, err
	}
	return readFirewall()
}
