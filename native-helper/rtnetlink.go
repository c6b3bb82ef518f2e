// Reads links, addresses and routes of the calling thread's network namespace
// straight from rtnetlink: no `ip`, no shell.
package main

import (
	"fmt"
	"net"
	"sort"
	"syscall"
)

// Constants Go's syscall package lacks.
const (
	iflaInfoKind    = 1
	iflaVxlanID     = 1
	iflaLinkNetnsid = 37
	rtmGetNsid      = 90
	rtmNewNsid      = 88
	netnsaNsid      = 1
	netnsaFd        = 3
	rtTableMain     = 254
)

// Link is one network interface as the kernel reports it.
type Link struct {
	Ifindex     int       `json:"ifindex"`
	Name        string    `json:"name"`
	Kind        string    `json:"kind"`
	MAC         string    `json:"mac"`
	MTU         int       `json:"mtu"`
	Operstate   string    `json:"operstate"`
	Up          bool      `json:"up"`
	Master      *int      `json:"master"`
	PeerIfindex *int      `json:"peerIfindex"`
	LinkNetnsid *int      `json:"linkNetnsid"`
	Addresses   []Address `json:"addresses"`
	// VxlanID is a vxlan device's VNI (IFLA_VXLAN_ID); absent for other kinds.
	VxlanID *int `json:"vxlanId,omitempty"`
	// Stats are its traffic counters (IFLA_STATS64) when the kernel reports them.
	Stats *Counters `json:"stats,omitempty"`
	// alias is IFLA_IFALIAS: read for the wiring journal (wirejournal.go), not reported.
	alias string
}

// Address is one IP address on a link.
type Address struct {
	Family    string `json:"family"`
	Address   string `json:"address"`
	Prefixlen int    `json:"prefixlen"`
}

// Route is one route of the main table.
type Route struct {
	Family      string `json:"family"`
	Destination string `json:"destination"`
	Gateway     string `json:"gateway"`
	Ifindex     int    `json:"ifindex"`
	PrefSrc     string `json:"prefsrc"`
}

var operstates = []string{"unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up"}

// dumpBounds caps what the dumps of one namespace may hold. A container with NET_ADMIN can add a million
// routes or addresses; past these bounds the rest is not read, and the namespace says what was cut, while
// every other namespace is read as usual.
type dumpBounds struct{ links, addresses, routes int }

var (
	// The host holds a veth per container, and an address or two per bridge: room for thousands of each.
	hostBounds = dumpBounds{links: 16384, addresses: 65536, routes: 65536}
	// A container's namespace holds a few links, addresses and routes; these are far past any real one.
	namespaceBounds = dumpBounds{links: 256, addresses: 1024, routes: 512}
)

// dumpLinks returns every link of the calling thread's namespace with its addresses, sorted by ifindex,
// within the host's bounds (what was cut is not said: for looking links up on the host).
func dumpLinks() ([]Link, error) {
	links, _, err := dumpLinksWithin(nil, hostBounds)
	return links, err
}

// dumpLinksWithoutAddresses is dumpLinks without the address dump, for a caller that needs none (the
// sweep, which runs before every helper's first read: on a host of 1000 containers the addresses were
// half its time).
func dumpLinksWithoutAddresses() ([]Link, error) {
	linkRequest := make([]byte, syscall.SizeofIfInfomsg)
	linkRequest[0] = syscall.AF_UNSPEC
	messages, _, err := netlinkDumpUpTo(syscall.RTM_GETLINK, linkRequest, hostBounds.links)
	if err != nil {
		return nil, fmt.Errorf("netlink link dump: %w", err)
	}
	return linksFrom(messages, map[int][]Address{}), nil
}

// dumpLinksWithin returns the links with their addresses within bounds, and what was cut, in words.
func dumpLinksWithin(dumps *dumpSocket, bounds dumpBounds) ([]Link, []string, error) {
	cut := []string{}
	linkRequest := make([]byte, syscall.SizeofIfInfomsg)
	linkRequest[0] = syscall.AF_UNSPEC
	messages, truncated, err := dumps.upTo(syscall.RTM_GETLINK, linkRequest, bounds.links)
	if err != nil {
		return nil, nil, fmt.Errorf("netlink link dump: %w", err)
	}
	if truncated {
		cut = append(cut, fmt.Sprintf("links: more than %d, the first %d read", bounds.links, bounds.links))
	}
	addressRequest := make([]byte, syscall.SizeofIfAddrmsg)
	addressRequest[0] = syscall.AF_UNSPEC
	addressMessages, truncated, err := dumps.upTo(syscall.RTM_GETADDR, addressRequest, bounds.addresses)
	if err != nil {
		return nil, nil, fmt.Errorf("netlink address dump: %w", err)
	}
	if truncated {
		cut = append(cut, fmt.Sprintf("addresses: more than %d, the first %d read", bounds.addresses, bounds.addresses))
	}
	return linksFrom(messages, addressesFrom(addressMessages)), cut, nil
}

// linksByIfindex reads the calling thread's namespace's links with these ifindexes, and their addresses,
// one request each: what changed, without a dump of every link (a host of 1000 containers has 2000).
// An ifindex with no link (deleted since netlink said so) is left out.
func linksByIfindex(indexes []int) ([]Link, error) {
	messages := []syscall.NetlinkMessage{}
	addresses := []syscall.NetlinkMessage{}
	for _, index := range indexes {
		linkRequest := make([]byte, syscall.SizeofIfInfomsg)
		linkRequest[0] = syscall.AF_UNSPEC
		nativePutUint32(linkRequest[4:8], uint32(index)) // ifi_index
		answer, err := netlinkRequest(syscall.RTM_GETLINK, syscall.NLM_F_REQUEST, linkRequest)
		if err == syscall.ENODEV {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("netlink link %d: %w", index, err)
		}
		messages = append(messages, answer...)
		// With strict checking (netlinkDumpUpTo sets it) the kernel dumps only this link's addresses.
		addressRequest := make([]byte, syscall.SizeofIfAddrmsg)
		addressRequest[0] = syscall.AF_UNSPEC
		nativePutUint32(addressRequest[4:8], uint32(index)) // ifa_index
		own, _, err := netlinkDumpUpTo(syscall.RTM_GETADDR, addressRequest, hostBounds.addresses)
		if err != nil {
			return nil, fmt.Errorf("netlink addresses of link %d: %w", index, err)
		}
		addresses = append(addresses, own...)
	}
	return linksFrom(messages, addressesFrom(addresses)), nil
}

// linksFrom reads RTM_NEWLINK messages, with their addresses, into links sorted by ifindex.
func linksFrom(messages []syscall.NetlinkMessage, addresses map[int][]Address) []Link {
	links := []Link{}
	for i := range messages {
		if messages[i].Header.Type != syscall.RTM_NEWLINK {
			continue
		}
		link, ok := parseLink(&messages[i])
		if ok {
			if list, found := addresses[link.Ifindex]; found {
				link.Addresses = list
			}
			links = append(links, link)
		}
	}
	sort.Slice(links, func(a, b int) bool { return links[a].Ifindex < links[b].Ifindex })
	return links
}

func parseLink(message *syscall.NetlinkMessage) (Link, bool) {
	if len(message.Data) < syscall.SizeofIfInfomsg {
		return Link{}, false
	}
	info := (*syscall.IfInfomsg)(unsafePointer(message.Data))
	attrs, err := syscall.ParseNetlinkRouteAttr(message)
	if err != nil {
		return Link{}, false
	}
	link := Link{Ifindex: int(info.Index), Up: info.Flags&syscall.IFF_UP != 0, Addresses: []Address{}, Operstate: "unknown"}
	var peer *int
	for _, attr := range attrs {
		switch attr.Attr.Type {
		case syscall.IFLA_IFNAME:
			link.Name = cString(attr.Value)
		case syscall.IFLA_ADDRESS:
			link.MAC = net.HardwareAddr(attr.Value).String()
		case syscall.IFLA_MTU:
			link.MTU = int(nativeUint32(attr.Value))
		case iflaIfalias:
			link.alias = cString(attr.Value)
		case syscall.IFLA_LINK:
			value := int(nativeUint32(attr.Value))
			peer = &value
		case syscall.IFLA_MASTER:
			value := int(nativeUint32(attr.Value))
			link.Master = &value
		case syscall.IFLA_OPERSTATE:
			if len(attr.Value) > 0 && int(attr.Value[0]) < len(operstates) {
				link.Operstate = operstates[attr.Value[0]]
			}
		case syscall.IFLA_LINKINFO:
			link.Kind, link.VxlanID = linkInfo(attr.Value)
		case iflaLinkNetnsid:
			value := int(int32(nativeUint32(attr.Value)))
			link.LinkNetnsid = &value
		case iflaStats64:
			if counters, ok := parseStats64(attr.Value); ok {
				link.Stats = &counters
			}
		}
	}
	if link.Kind == "" {
		if info.Flags&syscall.IFF_LOOPBACK != 0 {
			link.Kind = "loopback"
		} else {
			link.Kind = "device"
		}
	}
	// IFLA_LINK names the peer only for veths; for other kinds it is the lower device.
	if link.Kind == "veth" {
		link.PeerIfindex = peer
	}
	return link, true
}

// linkInfo reads IFLA_INFO_KIND from a nested IFLA_LINKINFO, and for a vxlan
// device its VNI (IFLA_VXLAN_ID inside IFLA_INFO_DATA).
func linkInfo(nested []byte) (kind string, vxlanID *int) {
	var data []byte
	forEachAttr(nested, func(kindOfAttr int, value []byte) {
		switch kindOfAttr {
		case iflaInfoKind:
			kind = cString(value)
		case iflaInfoData:
			data = value
		}
	})
	if kind == "vxlan" && data != nil {
		forEachAttr(data, func(kindOfAttr int, value []byte) {
			if kindOfAttr == iflaVxlanID && len(value) >= 4 {
				id := int(nativeUint32(value))
				vxlanID = &id
			}
		})
	}
	return kind, vxlanID
}

// addressesFrom reads RTM_NEWADDR messages into addresses by ifindex.
func addressesFrom(messages []syscall.NetlinkMessage) map[int][]Address {
	result := map[int][]Address{}
	for i := range messages {
		message := &messages[i]
		if message.Header.Type != syscall.RTM_NEWADDR || len(message.Data) < syscall.SizeofIfAddrmsg {
			continue
		}
		header := (*syscall.IfAddrmsg)(unsafePointer(message.Data))
		attrs, err := syscall.ParseNetlinkRouteAttr(message)
		if err != nil {
			continue
		}
		var address, local net.IP
		for _, attr := range attrs {
			switch attr.Attr.Type {
			case syscall.IFA_ADDRESS:
				address = net.IP(attr.Value)
			case syscall.IFA_LOCAL:
				local = net.IP(attr.Value)
			}
		}
		if local != nil {
			address = local // on point-to-point links IFA_ADDRESS is the peer
		}
		if address == nil {
			continue
		}
		index := int(header.Index)
		result[index] = append(result[index], Address{Family: familyName(header.Family), Address: address.String(), Prefixlen: int(header.Prefixlen)})
	}
	return result
}

// dumpRoutes returns the main table's unicast routes, IPv4 and IPv6, from at most max route messages in
// all, and what was cut, in words.
func dumpRoutes(dumps *dumpSocket, max int) ([]Route, []string, error) {
	routes := []Route{}
	cut := []string{}
	room := max
	for _, family := range []int{syscall.AF_INET, syscall.AF_INET6} {
		if room == 0 {
			cut = append(cut, fmt.Sprintf("%s routes: not read, past the bound of %d routes", familyName(uint8(family)), max))
			continue
		}
		request := make([]byte, syscall.SizeofRtMsg)
		request[0] = byte(family)
		messages, truncated, err := dumps.upTo(syscall.RTM_GETROUTE, request, room)
		if err != nil {
			return nil, nil, fmt.Errorf("netlink route dump: %w", err)
		}
		room -= len(messages)
		if truncated {
			cut = append(cut, fmt.Sprintf("%s routes: more than %d, the first %d read", familyName(uint8(family)), len(messages), len(messages)))
		}
		for i := range messages {
			message := &messages[i]
			if message.Header.Type != syscall.RTM_NEWROUTE || len(message.Data) < syscall.SizeofRtMsg {
				continue
			}
			header := (*syscall.RtMsg)(unsafePointer(message.Data))
			if header.Type != syscall.RTN_UNICAST {
				continue
			}
			attrs, err := syscall.ParseNetlinkRouteAttr(message)
			if err != nil {
				continue
			}
			table := int(header.Table)
			route := Route{Family: familyName(header.Family)}
			var destination net.IP
			for _, attr := range attrs {
				switch attr.Attr.Type {
				case syscall.RTA_DST:
					destination = net.IP(attr.Value)
				case syscall.RTA_GATEWAY:
					route.Gateway = net.IP(attr.Value).String()
				case syscall.RTA_OIF:
					route.Ifindex = int(nativeUint32(attr.Value))
				case syscall.RTA_PREFSRC:
					route.PrefSrc = net.IP(attr.Value).String()
				case syscall.RTA_TABLE:
					table = int(nativeUint32(attr.Value))
				}
			}
			if table != rtTableMain {
				continue
			}
			if destination == nil {
				route.Destination = "default"
			} else {
				route.Destination = fmt.Sprintf("%s/%d", destination.String(), header.Dst_len)
			}
			routes = append(routes, route)
		}
	}
	return routes, cut, nil
}

// nsidOf asks the calling thread's namespace which id it gives the namespace
// behind fd (RTM_GETNSID). -1 means none is assigned.
func nsidOf(fd int) (int, error) {
	return nsidOn(nil, fd)
}

// nsidOn is nsidOf asked on a namespace read's socket (nil: one of its own).
func nsidOn(dumps *dumpSocket, fd int) (int, error) {
	// rtgenmsg (padded to 4 bytes) and one u32 attribute: NETNSA_FD.
	payload := make([]byte, 4+8)
	payload[0] = syscall.AF_UNSPEC
	putS32Attr(payload[4:], netnsaFd, fd)
	messages, err := dumps.request(rtmGetNsid, syscall.NLM_F_REQUEST, payload)
	if err != nil {
		return -1, err
	}
	nsid := -1
	for i := range messages {
		if messages[i].Header.Type != rtmNewNsid || len(messages[i].Data) < 4 {
			continue
		}
		forEachAttr(messages[i].Data[4:], func(kind int, value []byte) { // after rtgenmsg padding
			if kind == netnsaNsid && len(value) >= 4 {
				nsid = int(int32(nativeUint32(value)))
			}
		})
	}
	return nsid, nil
}

func familyName(family uint8) string {
	if family == syscall.AF_INET6 {
		return "inet6"
	}
	return "inet"
}
