// Wiring a container by hand, as the seed does with ip(8), but over
// rtnetlink: a veth pair, one end on a bridge, the other moved into the
// container's namespace, renamed, addressed, routed. Each step is reported as
// it completes; if any step fails, or the wiring outlasts wireDeadline, what
// was done is undone (deleting the host end deletes the pair), so nothing
// half-made is left on the bridge or in the namespace, even if the app that
// asked is gone. If the helper itself dies midway, the wiring's journal (an
// alias on the host end, ./wirejournal.go) lets the next helper undo it.
package main

import (
	"fmt"
	"net"
	"os"
	"regexp"
	"syscall"
	"time"
)

const (
	iflaInfoData  = 2
	vethInfoPeer  = 1
	iflaNetNsFd   = 28
	nlaFNested    = 0x8000
	rtprotBoot    = 3
	rtScopeLink   = 253
	rtScopeGlobal = 0
)

var ifnamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,15}$`)

func validIfname(name string) error {
	if !ifnamePattern.MatchString(name) || name == "." || name == ".." {
		return badRequest("%q is not a valid interface name (1-15 of a-z A-Z 0-9 _ . -)", truncate(name, 32))
	}
	return nil
}

// wireDeadline bounds a whole wiring, well inside the request's deadline: past it, the remaining steps
// are not run and what was done is undone, so a wiring reported as failed is never still going on.
var wireDeadline = 15 * time.Second

type wireParams struct {
	WireID int `json:"wireId"`
	Target
	Bridge          string `json:"bridge"`
	HostIfname      string `json:"hostIfname"`
	ContainerIfname string `json:"containerIfname"`
	Address         string `json:"address"`
	Gateway         string `json:"gateway"`
	MTU             int    `json:"mtu"`
}

// attr appends one netlink attribute (padded to 4 bytes).
func attr(buffer []byte, kind uint16, value []byte) []byte {
	length := 4 + len(value)
	header := make([]byte, 4)
	nativePutUint16(header[0:2], uint16(length))
	nativePutUint16(header[2:4], kind)
	buffer = append(buffer, header...)
	buffer = append(buffer, value...)
	for len(buffer)%4 != 0 {
		buffer = append(buffer, 0)
	}
	return buffer
}

func u32(value uint32) []byte {
	b := make([]byte, 4)
	nativePutUint32(b, value)
	return b
}

func cstr(value string) []byte { return append([]byte(value), 0) }

// ifinfomsg is the fixed header of link messages.
func ifinfomsg(index int, flags, change uint32) []byte {
	b := make([]byte, syscall.SizeofIfInfomsg)
	b[0] = syscall.AF_UNSPEC
	nativePutUint32(b[4:8], uint32(int32(index)))
	nativePutUint32(b[8:12], flags)
	nativePutUint32(b[12:16], change)
	return b
}

const ackFlags = syscall.NLM_F_REQUEST | syscall.NLM_F_ACK

func createVethPair(hostName, peerName string) error {
	peer := attr(ifinfomsg(0, 0, 0), syscall.IFLA_IFNAME, cstr(peerName))
	data := attr(nil, vethInfoPeer|nlaFNested, peer)
	info := attr(nil, iflaInfoKind, cstr("veth"))
	info = attr(info, iflaInfoData|nlaFNested, data)
	payload := attr(ifinfomsg(0, 0, 0), syscall.IFLA_IFNAME, cstr(hostName))
	payload = attr(payload, syscall.IFLA_LINKINFO|nlaFNested, info)
	_, err := netlinkRequest(syscall.RTM_NEWLINK, ackFlags|syscall.NLM_F_CREATE|syscall.NLM_F_EXCL, payload)
	return err
}

func setLink(index int, up bool, attrs ...[]byte) error {
	var flags, change uint32
	if up {
		flags, change = syscall.IFF_UP, syscall.IFF_UP
	}
	payload := ifinfomsg(index, flags, change)
	for _, a := range attrs {
		payload = append(payload, a...)
	}
	_, err := netlinkRequest(syscall.RTM_NEWLINK, ackFlags, payload)
	return err
}

func deleteLink(index int) error {
	_, err := netlinkRequest(syscall.RTM_DELLINK, ackFlags, ifinfomsg(index, 0, 0))
	return err
}

func addAddress(index int, ip net.IP, prefix int) error {
	header := make([]byte, syscall.SizeofIfAddrmsg)
	header[0] = syscall.AF_INET
	header[1] = byte(prefix)
	header[3] = rtScopeGlobal
	nativePutUint32(header[4:8], uint32(index))
	payload := attr(header, syscall.IFA_LOCAL, ip.To4())
	payload = attr(payload, syscall.IFA_ADDRESS, ip.To4())
	_, err := netlinkRequest(syscall.RTM_NEWADDR, ackFlags|syscall.NLM_F_CREATE|syscall.NLM_F_EXCL, payload)
	return err
}

func addDefaultRoute(index int, gateway net.IP) error {
	header := make([]byte, syscall.SizeofRtMsg)
	header[0] = syscall.AF_INET
	header[4] = rtTableMain
	header[5] = rtprotBoot
	header[6] = rtScopeGlobal
	header[7] = syscall.RTN_UNICAST
	payload := attr(header, syscall.RTA_GATEWAY, gateway.To4())
	payload = attr(payload, syscall.RTA_OIF, u32(uint32(index)))
	_, err := netlinkRequest(syscall.RTM_NEWROUTE, ackFlags|syscall.NLM_F_CREATE|syscall.NLM_F_EXCL, payload)
	return err
}

func linkIndex(name string) (int, error) {
	links, err := dumpLinks()
	if err != nil {
		return 0, err
	}
	for _, link := range links {
		if link.Name == name {
			return link.Ifindex, nil
		}
	}
	return 0, fmt.Errorf("no interface %s", name)
}

func methodWire(h *Helper, raw []byte) (interface{}, error) {
	var p wireParams
	if err := DecodeParams(raw, &p); err != nil {
		return nil, err
	}
	ns, err := p.Target.openNotHost()
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	for _, name := range []string{p.Bridge, p.HostIfname, p.ContainerIfname} {
		if err := validIfname(name); err != nil {
			return nil, err
		}
	}
	ip, subnet, err := net.ParseCIDR(p.Address)
	if err != nil || ip.To4() == nil {
		return nil, badRequest("address must be an IPv4 address with its prefix, like 172.17.42.99/16")
	}
	prefix, _ := subnet.Mask.Size()
	var gateway net.IP
	if p.Gateway != "" {
		if gateway = net.ParseIP(p.Gateway).To4(); gateway == nil || !subnet.Contains(gateway) {
			return nil, badRequest("gateway must be an IPv4 address inside %s", subnet)
		}
	}
	if p.MTU != 0 && (p.MTU < 68 || p.MTU > 65535) {
		return nil, badRequest("mtu must be 68 to 65535")
	}
	bridgeIndex, err := bridgeIndexOf(p.Bridge)
	if err != nil {
		return nil, err
	}
	// A temporary name for the container end while it is still on the host, unlikely to clash.
	peerName := fmt.Sprintf("dwp%d", os.Getpid()%100000+p.WireID%1000)
	if len(peerName) > 15 {
		peerName = peerName[:15]
	}
	report := func(step int, status string, err error) {
		data := WireStep{WireID: p.WireID, Step: step, Status: status}
		if err != nil {
			data.Error = err.Error()
		}
		h.write(Event{Event: "wire", Data: data})
	}
	hostIndex := 0
	// undo says what it did, and whether nothing is left behind.
	undo := func() (string, bool) {
		if hostIndex == 0 {
			return "nothing to undo", true
		}
		if err := deleteLink(hostIndex); err != nil && err != syscall.ENODEV {
			return "could not delete " + p.HostIfname + ": " + err.Error(), false
		}
		return "deleted the veth pair " + p.HostIfname + " (both ends)", true
	}
	var containerIndex int
	steps := []func() error{
		func() error { // ip link add A type veth peer name B (journalled: A carries this helper's alias until the end)
			if err := createVethPair(p.HostIfname, peerName); err != nil {
				return err
			}
			if hostIndex, err = linkIndex(p.HostIfname); err != nil {
				return err
			}
			return setAlias(hostIndex, wiringAlias())
		},
		func() error {
			return setLink(hostIndex, false, attr(nil, syscall.IFLA_MASTER, u32(uint32(bridgeIndex))))
		}, // ip link set A master br
		func() error { // ip link set A up (and the bridge's MTU)
			if p.MTU != 0 {
				return setLink(hostIndex, true, attr(nil, syscall.IFLA_MTU, u32(uint32(p.MTU))))
			}
			return setLink(hostIndex, true)
		},
		func() error { // ip link set B netns PID
			peerIndex, err := linkIndex(peerName)
			if err != nil {
				return err
			}
			return setLink(peerIndex, false, attr(nil, iflaNetNsFd, u32(uint32(ns.Fd()))))
		},
		func() error { // ip netns exec PID ip link set dev B name eth0
			return ns.run(func() error {
				index, err := linkIndex(peerName)
				if err != nil {
					return err
				}
				containerIndex = index
				extra := [][]byte{attr(nil, syscall.IFLA_IFNAME, cstr(p.ContainerIfname))}
				if p.MTU != 0 {
					extra = append(extra, attr(nil, syscall.IFLA_MTU, u32(uint32(p.MTU))))
				}
				return setLink(index, false, extra...)
			})
		},
		func() error { return ns.run(func() error { return setLink(containerIndex, true) }) },          // ... ip link set eth0 up
		func() error { return ns.run(func() error { return addAddress(containerIndex, ip, prefix) }) }, // ... ip addr add
		func() error { // ... ip route add default via GATEWAY
			if gateway == nil {
				return nil
			}
			return ns.run(func() error { return addDefaultRoute(containerIndex, gateway) })
		},
	}
	// The last step also takes the wiring out of the journal: done, it is the user's like any link.
	last := steps[len(steps)-1]
	steps[len(steps)-1] = func() error {
		if err := last(); err != nil {
			return err
		}
		return setAlias(hostIndex, "")
	}
	deadline := time.Now().Add(wireDeadline)
	for index, step := range steps {
		report(index, "running", nil)
		err := step()
		if err == nil && time.Now().After(deadline) {
			err = fmt.Errorf("the wiring took longer than %v", wireDeadline)
		}
		if err != nil {
			report(index, "failed", err)
			undone, clean := undo()
			report(index, "undone", nil)
			return nil, &HelperError{
				Code:    codeWireFailed,
				Message: fmt.Sprintf("step %d failed: %v; %s", index+1, err, undone),
				Data:    WireFailure{Step: index + 1, Reason: err.Error(), Undone: undone, Clean: clean},
			}
		}
		report(index, "done", nil)
	}
	return WireResult{HostIfname: p.HostIfname, HostIfindex: hostIndex, ContainerIfname: p.ContainerIfname, ContainerIfindex: containerIndex}, nil
}

// bridgeIndexOf finds a Linux bridge on the host by name; anything else is refused as a "bridge".
func bridgeIndexOf(name string) (int, error) {
	links, err := dumpLinks()
	if err != nil {
		return 0, err
	}
	for _, link := range links {
		if link.Name != name {
			continue
		}
		if link.Kind != "bridge" {
			return 0, &HelperError{Code: codeNotABridge, Message: fmt.Sprintf("%s is not a Linux bridge (it is a %s): a container is wired only to a bridge", name, kindName(link.Kind))}
		}
		return link.Ifindex, nil
	}
	return 0, &HelperError{Code: codeNotFound, Message: fmt.Sprintf("no bridge %s on the host", name)}
}

func kindName(kind string) string {
	if kind == "" {
		return "plain interface"
	}
	return kind
}

type unwireParams struct {
	Target
	HostIfname string `json:"hostIfname"`
}

// methodUnwire deletes a veth pair by its host end, only when that is a veth whose
// other end is in the named container's namespace (the link wired by hand into it).
func methodUnwire(_ *Helper, raw []byte) (interface{}, error) {
	var p unwireParams
	if err := DecodeParams(raw, &p); err != nil {
		return nil, err
	}
	if err := p.Target.wellFormed(); err != nil {
		return nil, err
	}
	if err := validIfname(p.HostIfname); err != nil {
		return nil, err
	}
	links, err := dumpLinks()
	if err != nil {
		return nil, err
	}
	for _, link := range links {
		if link.Name != p.HostIfname {
			continue
		}
		if link.Kind != "veth" {
			return nil, &HelperError{Code: codeNotAVeth, Message: fmt.Sprintf("%s is a %s, not a veth: only veth pairs are unwired", p.HostIfname, kindName(link.Kind))}
		}
		if err := peerIsIn(link, p.Target); err != nil {
			return nil, err
		}
		if err := deleteLink(link.Ifindex); err != nil {
			return nil, err
		}
		return UnwireResult{Deleted: p.HostIfname}, nil
	}
	return nil, &HelperError{Code: codeNotFound, Message: "no interface " + p.HostIfname + " on the host"}
}

// peerIsIn checks that the host veth's other end is a link of the container's namespace.
func peerIsIn(link Link, target Target) error {
	refuse := &HelperError{Code: codeNotInContainer, Message: fmt.Sprintf("the other end of %s is not in that container: Dockwire unwires only the container's own link", link.Name)}
	if link.PeerIfindex == nil || link.LinkNetnsid == nil {
		return refuse
	}
	namespace, err := readNamespace(target)
	if err != nil {
		return err
	}
	if namespace.Nsid != *link.LinkNetnsid {
		return refuse
	}
	for _, inside := range namespace.Links {
		if inside.Ifindex == *link.PeerIfindex && inside.PeerIfindex != nil && *inside.PeerIfindex == link.Ifindex {
			return nil
		}
	}
	return refuse
}
