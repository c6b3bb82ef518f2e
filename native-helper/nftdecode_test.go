package main

import (
	"encoding/binary"
	"testing"
)

// nla builds a netlink attribute (nested when the payload is attributes: the kernel marks those).
func nla(kind uint16, value []byte) []byte {
	return attr(nil, kind, value)
}

func be32b(v uint32) []byte { b := make([]byte, 4); binary.BigEndian.PutUint32(b, v); return b }
func be64b(v uint64) []byte { b := make([]byte, 8); binary.BigEndian.PutUint64(b, v); return b }

func expr(name string, data ...[]byte) []byte {
	body := []byte{}
	for _, d := range data {
		body = append(body, d...)
	}
	return nla(nftaListElem|nlaFNested, append(nla(nftaExprName, cstr(name)), nla(nftaExprData|nlaFNested, body)...))
}

// The rule iptables-nft writes for -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP, as the kernel dumps it.
func isolationDropRule() []byte {
	exprs := append(expr("meta", nla(2, be32b(7)), nla(1, be32b(1))),
		expr("cmp", nla(1, be32b(1)), nla(2, be32b(0)), nla(3|nlaFNested, nla(nftaDataValue, []byte("docker0\x00"))))...)
	exprs = append(exprs, expr("counter", nla(nftaCounterBytes, be64b(252)), nla(nftaCounterPackets, be64b(3)))...)
	exprs = append(exprs, expr("immediate", nla(1, be32b(0)), nla(2|nlaFNested, nla(nftaDataVerdict|nlaFNested, nla(nftaVerdictCode, be32b(0)))))...)
	payload := []byte{2, 0, 0, 0} // nfgenmsg: NFPROTO_IPV4
	payload = append(payload, nla(nftaRuleTable, cstr("filter"))...)
	payload = append(payload, nla(nftaRuleChain, cstr("DOCKER-ISOLATION-STAGE-2"))...)
	payload = append(payload, nla(nftaRuleHandle, be64b(3123))...)
	payload = append(payload, nla(nftaRuleExpressions|nlaFNested, exprs)...)
	return payload
}

func TestDecodeRuleReadsItsExpressionsAndCounter(t *testing.T) {
	rule, ok := decodeRule(isolationDropRule())
	if !ok || rule.Family != "ip" || rule.Table != "filter" || rule.Chain != "DOCKER-ISOLATION-STAGE-2" || rule.Handle != 3123 {
		t.Fatalf("got %+v", rule)
	}
	if len(rule.Exprs) != 4 || rule.Exprs[0].Key != "oifname" || rule.Exprs[1].Op != "eq" || rule.Exprs[1].Data != "646f636b65723000" {
		t.Fatalf("expressions: %+v", rule.Exprs)
	}
	if *rule.Exprs[2].Packets != 3 || *rule.Exprs[2].Bytes != 252 || rule.Exprs[3].Verdict != "drop" {
		t.Fatalf("counter and verdict: %+v %+v", rule.Exprs[2], rule.Exprs[3])
	}
}

func TestDecodeChainReadsAPolicyAndItsCounters(t *testing.T) {
	payload := []byte{2, 0, 0, 0}
	payload = append(payload, nla(nftaChainTable, cstr("filter"))...)
	payload = append(payload, nla(nftaChainName, cstr("FORWARD"))...)
	payload = append(payload, nla(nftaChainHook|nlaFNested, append(nla(nftaHookHooknum, be32b(2)), nla(nftaHookPriority, be32b(0))...))...)
	payload = append(payload, nla(nftaChainPolicy, be32b(0))...)
	payload = append(payload, nla(nftaChainCounters|nlaFNested, append(nla(nftaCounterBytes, be64b(84)), nla(nftaCounterPackets, be64b(1))...))...)
	chain, ok := decodeChain(payload)
	if !ok || chain.Hook != "forward" || chain.Policy != "drop" || chain.Counters == nil || chain.Counters.Packets != 1 || chain.Counters.Bytes != 84 {
		t.Fatalf("got %+v (counters %+v)", chain, chain.Counters)
	}
}

// The host's own firewall, read for real (as root): the chains iptables lists are there, with their policies.
func TestReadFirewallOfThisHost(t *testing.T) {
	result, err := readFirewall()
	if err != nil {
		t.Fatal(err)
	}
	for _, chain := range result.Chains {
		if chain.Table == "filter" && chain.Name == "FORWARD" && chain.Hook != "forward" {
			t.Fatalf("FORWARD read as %+v", chain)
		}
	}
	for _, rule := range result.Rules {
		if len(rule.Exprs) == 0 || len(rule.Exprs) > maxExprsPerRule {
			t.Fatalf("rule %d of %s has %d expressions", rule.Handle, rule.Chain, len(rule.Exprs))
		}
	}
}

func FuzzDecodeRule(f *testing.F) {
	f.Add(isolationDropRule())
	f.Add([]byte{2, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		rule, _ := decodeRule(data)
		if len(rule.Exprs) > maxExprsPerRule || len(rule.Chain) > maxNameBytes || len(rule.Table) > maxNameBytes {
			t.Fatalf("out of bounds: %d expressions", len(rule.Exprs))
		}
		for _, e := range rule.Exprs {
			if len(e.Data) > 2*maxDataBytes || len(e.Info) > 2*maxInfoBytes || len(e.Mask) > 2*maxDataBytes {
				t.Fatal("data out of bounds")
			}
		}
		decodeChain(data)
	})
}
