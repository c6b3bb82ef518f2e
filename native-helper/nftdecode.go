// Decoding nf_tables netlink messages (tables, chains, rules and their
// expressions) into plain data, as the kernel reports them: the firewall that
// iptables-nft (which Docker uses) and nft write. Pure and bounded: every
// message is untrusted bytes, and this is fuzzed. What the expressions mean in
// iptables' words is worked out by the backend (common/firewall.ts), not here.
package main

import (
	"encoding/binary"
	"encoding/hex"
	"syscall"
)

// Attribute numbers of linux/netfilter/nf_tables.h.
const (
	nftaTableName = 1

	nftaChainTable    = 1
	nftaChainName     = 3
	nftaChainHook     = 4
	nftaChainPolicy   = 5
	nftaChainType     = 7
	nftaChainCounters = 8
	nftaHookHooknum   = 1
	nftaHookPriority  = 2

	nftaRuleTable       = 1
	nftaRuleChain       = 2
	nftaRuleHandle      = 3
	nftaRuleExpressions = 4
	nftaRuleUserdata    = 7
	nftaListElem        = 1
	nftaExprName        = 1
	nftaExprData        = 2

	nftaCounterBytes   = 1
	nftaCounterPackets = 2
	nftaDataValue      = 1
	nftaDataVerdict    = 2
	nftaVerdictCode    = 1
	nftaVerdictChain   = 2

	// Bounds on what one expression or rule may carry into the reply.
	maxExprsPerRule = 64
	maxDataBytes    = 64
	maxInfoBytes    = 512 // an iptables extension's struct (xt_conntrack_mtinfo3 is about 200 bytes)
	maxNameBytes    = 64
)

// NftChain is a chain: a base chain has a hook, a policy and (as iptables-nft makes them) counters.
type NftChain struct {
	Family   string `json:"family"`
	Table    string `json:"table"`
	Name     string `json:"name"`
	Type     string `json:"type,omitempty"`
	Hook     string `json:"hook,omitempty"`
	Priority *int32 `json:"priority,omitempty"`
	// Policy is "accept" or "drop", for base chains.
	Policy   string       `json:"policy,omitempty"`
	Counters *NftCounters `json:"counters,omitempty"`
}

// NftCounters are packets and bytes counted.
type NftCounters struct {
	Packets uint64 `json:"packets"`
	Bytes   uint64 `json:"bytes"`
}

// NftRule is one rule: its expressions in order, as the kernel runs them.
type NftRule struct {
	Family  string    `json:"family"`
	Table   string    `json:"table"`
	Chain   string    `json:"chain"`
	Handle  uint64    `json:"handle"`
	Exprs   []NftExpr `json:"exprs"`
	Comment string    `json:"comment,omitempty"`
	// Truncated says the rule had more than maxExprsPerRule expressions: the rest are not here.
	Truncated bool `json:"truncated,omitempty"`
}

// NftExpr is one expression, with the fields its kind has (hex for raw bytes, as the kernel holds them).
type NftExpr struct {
	Kind string `json:"kind"`
	// meta, ct: what is loaded (meta: iifname, oifname, l4proto…; ct: state…).
	Key string `json:"key,omitempty"`
	// Registers: what an expression loads into (dreg) or reads from (sreg).
	Dreg *uint32 `json:"dreg,omitempty"`
	Sreg *uint32 `json:"sreg,omitempty"`
	// cmp: eq, neq, lt, lte, gt, gte; data: the value compared with.
	Op   string `json:"op,omitempty"`
	Data string `json:"data,omitempty"`
	// payload: base (link, network, transport), offset and length in bytes.
	Base   string  `json:"base,omitempty"`
	Offset *uint32 `json:"offset,omitempty"`
	Len    *uint32 `json:"len,omitempty"`
	// bitwise: mask and xor.
	Mask string `json:"mask,omitempty"`
	Xor  string `json:"xor,omitempty"`
	// immediate: a verdict (accept, drop, return, jump, goto, continue) and, for jump and goto, the chain.
	Verdict string `json:"verdict,omitempty"`
	Chain   string `json:"chain,omitempty"`
	// counter.
	Packets *uint64 `json:"packets,omitempty"`
	Bytes   *uint64 `json:"bytes,omitempty"`
	// match, target (iptables' extensions in their binary form): name, revision, info.
	Name string  `json:"name,omitempty"`
	Rev  *uint32 `json:"rev,omitempty"`
	Info string  `json:"info,omitempty"`
	// nat: snat or dnat, with the registers holding the address and port; masq has only flags.
	NatType   string  `json:"natType,omitempty"`
	RegAddr   *uint32 `json:"regAddr,omitempty"`
	RegProto  *uint32 `json:"regProto,omitempty"`
	NatFamily string  `json:"natFamily,omitempty"`
}

var familyNames = map[uint8]string{1: "inet", 2: "ip", 3: "arp", 5: "netdev", 7: "bridge", 10: "ip6"}
var hookNames = map[uint32]string{0: "prerouting", 1: "input", 2: "forward", 3: "output", 4: "postrouting"}
var metaKeys = map[uint32]string{0: "len", 1: "protocol", 3: "mark", 4: "iif", 5: "oif", 6: "iifname", 7: "oifname", 8: "iiftype", 9: "oiftype", 15: "nfproto", 16: "l4proto"}
var ctKeys = map[uint32]string{0: "state", 1: "direction", 2: "status", 3: "mark"}
var cmpOps = map[uint32]string{0: "eq", 1: "neq", 2: "lt", 3: "lte", 4: "gt", 5: "gte"}
var payloadBases = map[uint32]string{0: "link", 1: "network", 2: "transport"}

// attrs reads a run of netlink attributes into a map of the first of each type (nested flag cleared).
func attrs(data []byte) map[int][]byte {
	found := map[int][]byte{}
	forEachAttr(data, func(kind int, value []byte) {
		if _, seen := found[kind]; !seen {
			found[kind] = value
		}
	})
	return found
}

// attrList reads a run of attributes in order (for lists, whose elements share one type).
func attrList(data []byte, max int) [][]byte {
	list := [][]byte{}
	forEachAttr(data, func(_ int, value []byte) {
		if len(list) < max {
			list = append(list, value)
		}
	})
	return list
}

func be32(value []byte) (uint32, bool) {
	if len(value) < 4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(value[:4]), true
}

func be64(value []byte) (uint64, bool) {
	if len(value) < 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(value[:8]), true
}

func boundedString(value []byte) string {
	if len(value) > maxNameBytes {
		value = value[:maxNameBytes]
	}
	return cString(value)
}

func boundedHex(value []byte) string { return boundedHexN(value, maxDataBytes) }

func boundedHexN(value []byte, max int) string {
	if len(value) > max {
		value = value[:max]
	}
	return hex.EncodeToString(value)
}

func u32p(value []byte) *uint32 {
	if v, ok := be32(value); ok {
		return &v
	}
	return nil
}

// nfgenFamily reads the nfgenmsg header's family; the attributes follow its 4 bytes.
func nfgenFamily(data []byte) (string, []byte, bool) {
	if len(data) < 4 {
		return "", nil, false
	}
	family, ok := familyNames[data[0]]
	if !ok {
		family = "unknown"
	}
	return family, data[4:], true
}

// decodeChain reads an NFT_MSG_NEWCHAIN message's payload.
func decodeChain(data []byte) (NftChain, bool) {
	family, rest, ok := nfgenFamily(data)
	if !ok {
		return NftChain{}, false
	}
	a := attrs(rest)
	chain := NftChain{Family: family, Table: boundedString(a[nftaChainTable]), Name: boundedString(a[nftaChainName]), Type: boundedString(a[nftaChainType])}
	if chain.Name == "" {
		return NftChain{}, false
	}
	if hook, ok := a[nftaChainHook]; ok {
		h := attrs(hook)
		if number, ok := be32(h[nftaHookHooknum]); ok {
			chain.Hook = hookNames[number]
			if chain.Hook == "" {
				chain.Hook = "unknown"
			}
		}
		if priority, ok := be32(h[nftaHookPriority]); ok {
			value := int32(priority)
			chain.Priority = &value
		}
	}
	if policy, ok := be32(a[nftaChainPolicy]); ok {
		chain.Policy = map[uint32]string{0: "drop", 1: "accept"}[policy]
	}
	if counters, ok := a[nftaChainCounters]; ok {
		c := attrs(counters)
		packets, okPackets := be64(c[nftaCounterPackets])
		bytes, okBytes := be64(c[nftaCounterBytes])
		if okPackets && okBytes {
			chain.Counters = &NftCounters{Packets: packets, Bytes: bytes}
		}
	}
	return chain, true
}

// decodeRule reads an NFT_MSG_NEWRULE message's payload.
func decodeRule(data []byte) (NftRule, bool) {
	family, rest, ok := nfgenFamily(data)
	if !ok {
		return NftRule{}, false
	}
	a := attrs(rest)
	rule := NftRule{Family: family, Table: boundedString(a[nftaRuleTable]), Chain: boundedString(a[nftaRuleChain]), Exprs: []NftExpr{}}
	if rule.Chain == "" {
		return NftRule{}, false
	}
	rule.Handle, _ = be64(a[nftaRuleHandle])
	elems := attrList(a[nftaRuleExpressions], maxExprsPerRule+1)
	if len(elems) > maxExprsPerRule {
		elems, rule.Truncated = elems[:maxExprsPerRule], true
	}
	for _, elem := range elems {
		rule.Exprs = append(rule.Exprs, decodeExpr(elem))
	}
	rule.Comment = userdataComment(a[nftaRuleUserdata])
	return rule, true
}

// userdataComment finds the comment iptables-nft and nft keep in a rule's userdata (type 0, length, bytes).
func userdataComment(data []byte) string {
	for len(data) >= 2 {
		kind, length := data[0], int(data[1])
		if 2+length > len(data) {
			return ""
		}
		if kind == 0 {
			return boundedString(data[2 : 2+length])
		}
		data = data[2+length:]
	}
	return ""
}

// decodeExpr reads one expression: its name, and the fields of the kinds a firewall of Docker's uses.
func decodeExpr(elem []byte) NftExpr {
	a := attrs(elem)
	expr := NftExpr{Kind: boundedString(a[nftaExprName])}
	d := attrs(a[nftaExprData])
	switch expr.Kind {
	case "meta":
		if key, ok := be32(d[2]); ok {
			expr.Key = metaKeys[key]
			if expr.Key == "" {
				expr.Key = "unknown"
			}
		}
		expr.Dreg, expr.Sreg = u32p(d[1]), u32p(d[3])
	case "cmp":
		expr.Sreg = u32p(d[1])
		if op, ok := be32(d[2]); ok {
			expr.Op = cmpOps[op]
		}
		expr.Data = boundedHex(attrs(d[3])[nftaDataValue])
	case "payload":
		expr.Dreg = u32p(d[1])
		if base, ok := be32(d[2]); ok {
			expr.Base = payloadBases[base]
		}
		expr.Offset, expr.Len = u32p(d[3]), u32p(d[4])
	case "bitwise":
		expr.Sreg, expr.Dreg, expr.Len = u32p(d[1]), u32p(d[2]), u32p(d[3])
		expr.Mask = boundedHex(attrs(d[4])[nftaDataValue])
		expr.Xor = boundedHex(attrs(d[5])[nftaDataValue])
	case "immediate":
		expr.Dreg = u32p(d[1])
		data := attrs(d[2])
		if verdict, ok := data[nftaDataVerdict]; ok {
			v := attrs(verdict)
			if code, ok := be32(v[nftaVerdictCode]); ok {
				expr.Verdict = verdictName(int32(code))
			}
			expr.Chain = boundedString(v[nftaVerdictChain])
		} else {
			expr.Data = boundedHex(data[nftaDataValue])
		}
	case "counter":
		if bytes, ok := be64(d[nftaCounterBytes]); ok {
			expr.Bytes = &bytes
		}
		if packets, ok := be64(d[nftaCounterPackets]); ok {
			expr.Packets = &packets
		}
	case "match", "target":
		expr.Name = boundedString(d[1])
		expr.Rev = u32p(d[2])
		expr.Info = boundedHexN(d[3], maxInfoBytes)
	case "ct":
		expr.Dreg = u32p(d[1])
		if key, ok := be32(d[2]); ok {
			expr.Key = ctKeys[key]
			if expr.Key == "" {
				expr.Key = "unknown"
			}
		}
	case "nat":
		if kind, ok := be32(d[1]); ok {
			expr.NatType = map[uint32]string{0: "snat", 1: "dnat"}[kind]
		}
		if family, ok := be32(d[2]); ok {
			expr.NatFamily = familyNames[uint8(family)]
		}
		expr.RegAddr, expr.RegProto = u32p(d[3]), u32p(d[5])
	}
	return expr
}

func verdictName(code int32) string {
	switch code {
	case 0:
		return "drop"
	case 1:
		return "accept"
	case -1:
		return "continue"
	case -2:
		return "break"
	case -3:
		return "jump"
	case -4:
		return "goto"
	case -5:
		return "return"
	}
	return "unknown"
}

// nftMessageKind is an nf_tables message type without its subsystem (NFT_MSG_NEWRULE = 6, …).
func nftMessageKind(message syscall.NetlinkMessage) uint16 {
	return message.Header.Type & 0xff
}
