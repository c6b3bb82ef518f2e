// Reads the namespaces at the far end of a container's links when they are
// neither the container's nor the host's: an overlay network's own namespace
// (br0, vxlan0 and one veth per endpoint) is such a namespace. No process
// lives there and its file sits under Docker's exec-root, which the helper
// container cannot see; but the container's namespace names it by an nsid,
// and rtnetlink dumps a namespace named that way (IFLA_TARGET_NETNSID,
// Linux 4.20+) without entering it.
package main

import (
	"fmt"
	"os"
	"syscall"
)

const (
	iflaTargetNetnsid = 46
	ifaTargetNetnsid  = 10
	// Bounds on what one container's peer namespaces add to a reply.
	maxPeerNamespaces   = 8
	maxPeerLinks        = 1024
	maxPeerDumpMessages = 4096
)

// PeerNamespace is the links of a namespace a container's link leads to, by the
// nsid the container's namespace gives it.
type PeerNamespace struct {
	Nsid  int    `json:"nsid"`
	Links []Link `json:"links"`
	// Error says why it could not be read (the links are then empty).
	Error string `json:"error,omitempty"`
	// Truncated: it held more than maxPeerLinks links; only the first are listed.
	Truncated bool `json:"truncated,omitempty"`
}

// hostNetns is the helper's own network namespace, the host's (the helper runs in the host's namespace in
// both of its modes), opened while the program initialises on its main thread, before any thread enters a
// container's. Opened later, /proc/self/ns/net would name whatever namespace the main thread is in at that
// moment, and a reader locked to the main thread may be inside a container's: a namespace read then took
// the host for a peer of the container and dumped all of its links again (2000 on a host of 1000
// containers, for most containers), and a change meant for a container could mistake which one is the host.
var hostNetns, hostNetnsErr = os.Open("/proc/self/ns/net")

// hostNetnsFd is hostNetns's descriptor, open for the helper's whole life (a namespace read needs it to ask
// which nsid a container's namespace gives the host).
func hostNetnsFd() (int, error) {
	if hostNetnsErr != nil {
		return -1, hostNetnsErr
	}
	return int(hostNetns.Fd()), nil
}

// readPeerNamespaces runs inside a container's namespace: every namespace its
// links lead to, other than the host's (hostFd, as this namespace numbers it).
func readPeerNamespaces(dumps *dumpSocket, links []Link, hostFd int) []PeerNamespace {
	hostNsid, err := nsidOn(dumps, hostFd)
	if err != nil {
		hostNsid = -1
	}
	seen := map[int]bool{}
	peers := []PeerNamespace{}
	for _, link := range links {
		if link.LinkNetnsid == nil || *link.LinkNetnsid < 0 || *link.LinkNetnsid == hostNsid || seen[*link.LinkNetnsid] {
			continue
		}
		nsid := *link.LinkNetnsid
		seen[nsid] = true
		if len(peers) == maxPeerNamespaces {
			break
		}
		peer := PeerNamespace{Nsid: nsid, Links: []Link{}}
		found, err := dumpLinksByNsid(nsid)
		if err != nil {
			peer.Error = err.Error()
		} else {
			if len(found) > maxPeerLinks {
				found, peer.Truncated = found[:maxPeerLinks], true
			}
			peer.Links = found
		}
		peers = append(peers, peer)
	}
	return peers
}

// dumpLinksByNsid dumps the links and addresses of the namespace the calling
// thread's namespace calls nsid.
func dumpLinksByNsid(nsid int) ([]Link, error) {
	// ifinfomsg (16 bytes), then IFLA_TARGET_NETNSID as an s32.
	linkRequest := make([]byte, syscall.SizeofIfInfomsg+8)
	linkRequest[0] = syscall.AF_UNSPEC
	putS32Attr(linkRequest[syscall.SizeofIfInfomsg:], iflaTargetNetnsid, nsid)
	linkMessages, err := netlinkDump(syscall.RTM_GETLINK, linkRequest, maxPeerDumpMessages)
	if err != nil {
		return nil, fmt.Errorf("links of the namespace with nsid %d: %w", nsid, err)
	}
	// ifaddrmsg (8 bytes), then IFA_TARGET_NETNSID as an s32.
	addressRequest := make([]byte, syscall.SizeofIfAddrmsg+8)
	addressRequest[0] = syscall.AF_UNSPEC
	putS32Attr(addressRequest[syscall.SizeofIfAddrmsg:], ifaTargetNetnsid, nsid)
	addressMessages, err := netlinkDump(syscall.RTM_GETADDR, addressRequest, maxPeerDumpMessages)
	if err != nil {
		return nil, fmt.Errorf("addresses of the namespace with nsid %d: %w", nsid, err)
	}
	return linksFrom(linkMessages, addressesFrom(addressMessages)), nil
}
