package main

import (
	"os/exec"
	"testing"
)

// An overlay-like namespace, as Docker makes one per overlay network: a bridge
// br0 with a vxlan device and a veth whose other end is in the container. The
// helper must read it through the container's namespace, by nsid, and agree
// with `ip -j link` run inside it.
func TestPeerNamespaceOfAContainerIsReadByNsid(t *testing.T) {
	pid, names := scratchNamespace(t)
	overlay := names["ns"] + "o"
	run(t, "ip", "netns", "add", overlay)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", overlay).Run() })
	in := func(args ...string) { run(t, append([]string{"ip", "netns", "exec", overlay}, args...)...) }
	in("ip", "link", "add", "br0", "type", "bridge")
	in("ip", "addr", "add", "10.251.0.1/24", "dev", "br0")
	in("ip", "link", "add", "vxlan0", "type", "vxlan", "id", "4242", "dstport", "4789")
	in("ip", "link", "set", "vxlan0", "master", "br0")
	in("ip", "link", "add", "veth0", "type", "veth", "peer", "name", "ovc", "netns", names["ns"])
	in("ip", "link", "set", "veth0", "master", "br0", "up")
	in("ip", "link", "set", "br0", "up")

	namespace, err := readNamespace(Target{Pid: pid, Container: testContainer})
	if err != nil {
		t.Fatal(err)
	}
	if len(namespace.PeerNamespaces) != 1 {
		t.Fatalf("want exactly the overlay-like namespace (not the host's), got %+v", namespace.PeerNamespaces)
	}
	peer := namespace.PeerNamespaces[0]
	var containerEnd Link
	for _, link := range namespace.Links {
		if link.Name == "ovc" {
			containerEnd = link
		}
	}
	if containerEnd.LinkNetnsid == nil || *containerEnd.LinkNetnsid != peer.Nsid {
		t.Fatalf("the container's end names nsid %v, the peer namespace is %d", containerEnd.LinkNetnsid, peer.Nsid)
	}
	truth := groundTruth(t, "ip", "netns", "exec", overlay, "ip")
	byName := map[string]Link{}
	for _, link := range peer.Links {
		byName[link.Name] = link
	}
	if len(byName) != len(truth) {
		t.Fatalf("helper read %d links, ip %d", len(byName), len(truth))
	}
	for name, want := range truth {
		got := byName[name]
		if got.Ifindex != want.Ifindex || got.MAC != want.Address || got.MTU != want.MTU {
			t.Fatalf("%s: helper %+v, ip %+v", name, got, want)
		}
	}
	bridge, vxlan, veth := byName["br0"], byName["vxlan0"], byName["veth0"]
	if bridge.Kind != "bridge" || len(bridge.Addresses) == 0 || bridge.Addresses[0].Address != "10.251.0.1" {
		t.Fatalf("br0: %+v", bridge)
	}
	if vxlan.Kind != "vxlan" || vxlan.VxlanID == nil || *vxlan.VxlanID != 4242 || vxlan.Master == nil || *vxlan.Master != bridge.Ifindex {
		t.Fatalf("vxlan0: %+v", vxlan)
	}
	if veth.Master == nil || *veth.Master != bridge.Ifindex || veth.PeerIfindex == nil || *veth.PeerIfindex != containerEnd.Ifindex {
		t.Fatalf("veth0 should be br0's port paired with the container's ovc (%d): %+v", containerEnd.Ifindex, veth)
	}
	if containerEnd.PeerIfindex == nil || *containerEnd.PeerIfindex != veth.Ifindex {
		t.Fatalf("ovc's peer %v, veth0 is %d", containerEnd.PeerIfindex, veth.Ifindex)
	}
}

// A garbage attribute run must not hang or panic the walker.
func TestForEachAttrStopsAtMalformedAttributes(t *testing.T) {
	for _, input := range [][]byte{{}, {1}, {0, 0, 0, 0}, {255, 255, 1, 0}, {8, 0, 1, 0, 1, 2}, {4, 0, 1, 0, 4, 0}} {
		count := 0
		forEachAttr(input, func(int, []byte) { count++ })
		if count > 2 {
			t.Fatalf("%v: visited %d", input, count)
		}
	}
	if kind, id := linkInfo([]byte{9, 0, 1, 0, 'v', 'x', 'l', 'a', 'n', 0, 0, 0}); kind != "vxlan" || id != nil {
		t.Fatalf("kind %q id %v", kind, id)
	}
}
