// The closed set of methods the helper answers. Each decodes its params
// strictly and validates them before touching the kernel.
package main

import (
	"os"
	"runtime"
	"sync"
)

// Version is reported by the "version" method; the backend checks it.
const Version = "6"

type handler func(h *Helper, params []byte) (interface{}, error)

var methods = map[string]handler{
	"version":         methodVersion,
	"hostLinks":       methodHostLinks,
	"netnsLinks":      methodNetnsLinks,
	"snapshot":        methodSnapshot,
	"counters":        methodCounters,
	"capture":         methodCapture,
	"captureUnderlay": methodCaptureUnderlay,
	"captureStop":     methodCaptureStop,
	"watch":           methodWatch,
	"route":           methodRoute,
	"dns":             methodDNS,
	"ping":            methodPing,
	"tcp":             methodTCP,
	"http":            methodHTTP,
	"hostTcp":         methodHostTCP,
	"hostHttp":        methodHostHTTP,
	"wire":            methodWire,
	"unwire":          methodUnwire,
	"sweepWires":      methodSweepWires,
	"firewall":        methodFirewall,
	"trace":           methodTrace,
}

type noParams struct{}

type targetsParams struct {
	Targets []Target `json:"targets"`
}

// snapshotParams: the containers to read and, when given, which of the host's links (by ifindex): those
// netlink said changed since the backend last read them all. Absent, every host link is read.
type snapshotParams struct {
	Targets   []Target `json:"targets"`
	HostLinks *[]int   `json:"hostLinks,omitempty"`
}

// maxHostLinks bounds the ifindexes one snapshot names (the host's own dump is bounded at hostBounds.links).
const maxHostLinks = 4096

func methodVersion(_ *Helper, raw []byte) (interface{}, error) {
	if err := DecodeParams(raw, &noParams{}); err != nil {
		return nil, err
	}
	return VersionResult{Version: Version, Go: runtime.Version(), Arch: runtime.GOARCH, Pid: os.Getpid()}, nil
}

func methodHostLinks(_ *Helper, raw []byte) (interface{}, error) {
	if err := DecodeParams(raw, &noParams{}); err != nil {
		return nil, err
	}
	return hostLinks()
}

// hostLinks reads the host's links within the host's bounds, saying what was cut.
func hostLinks() (LinksResult, error) {
	links, cut, err := dumpLinksWithin(nil, hostBounds)
	if err != nil {
		return LinksResult{}, err
	}
	result := LinksResult{Links: links}
	if len(cut) > 0 {
		result.Truncated = cut
	}
	return result, nil
}

// Namespace is what one container's namespace holds, and how the host names it.
type Namespace struct {
	Pid    int     `json:"pid"`
	Nsid   int     `json:"nsid"`
	Links  []Link  `json:"links"`
	Routes []Route `json:"routes"`
	Error  string  `json:"error,omitempty"`
	// Truncated says what was cut from its dumps past namespaceBounds (absent when nothing was): a container
	// that makes a million routes is read as far as the bound, and every other namespace as usual.
	Truncated []string `json:"truncated,omitempty"`
	// ResolvConf is how the container resolves names (its /etc/resolv.conf, read bounded and
	// inside its root); when it cannot be read, ResolvConfError says why and the links still count.
	ResolvConf      *ResolvConf `json:"resolvConf,omitempty"`
	ResolvConfError string      `json:"resolvConfError,omitempty"`
	// Listening is what listens in the namespace (TCP in LISTEN, UDP bound), as the kernel's tables say;
	// nil when they could not be read (an empty list is a namespace where nothing listens).
	Listening *[]Socket `json:"listening,omitempty"`
	// PeerNamespaces are the namespaces its links lead to other than the host's (an overlay
	// network's, say), read by nsid; absent when there are none.
	PeerNamespaces []PeerNamespace `json:"peerNamespaces,omitempty"`
}

func methodNetnsLinks(_ *Helper, raw []byte) (interface{}, error) {
	var params Target
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	return readNamespace(params)
}

// methodSnapshot reads the host and many namespaces in one round trip; a
// namespace that vanished, or whose pid is no longer its container's, reports
// its error instead of failing all.
func methodSnapshot(_ *Helper, raw []byte) (interface{}, error) {
	var params snapshotParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := checkTargets(params.Targets); err != nil {
		return nil, err
	}
	var host LinksResult
	var err error
	if params.HostLinks == nil {
		host, err = hostLinks()
	} else if err = checkIfindexes(*params.HostLinks); err == nil {
		var links []Link
		links, err = linksByIfindex(*params.HostLinks)
		host = LinksResult{Links: links}
	}
	if err != nil {
		return nil, err
	}
	namespaces := make([]Namespace, len(params.Targets))
	forEachConcurrently(len(params.Targets), func(index int) { namespaces[index] = readTarget(params.Targets[index]) })
	return SnapshotResult{Host: host, Namespaces: namespaces}, nil
}

// snapshotReaders: namespaces read at once by one request (well under the helper's pids limit).
const snapshotReaders = 8

// forEachConcurrently runs work for 0..count-1, a few at a time: each read holds an OS thread inside one
// namespace, and most of its time is waiting on the kernel, so a host of hundreds is read several times faster.
func forEachConcurrently(count int, work func(index int)) {
	next := make(chan int)
	var workers sync.WaitGroup
	for worker := 0; worker < snapshotReaders && worker < count; worker++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for index := range next {
				work(index)
			}
		}()
	}
	for index := 0; index < count; index++ {
		next <- index
	}
	close(next)
	workers.Wait()
}

func readTarget(target Target) Namespace {
	namespace, err := readNamespace(target)
	if err != nil {
		namespace = Namespace{Pid: target.Pid, Nsid: -1, Links: []Link{}, Routes: []Route{}, Error: err.Error()}
	}
	return namespace
}

func readNamespace(target Target) (Namespace, error) {
	namespace := Namespace{Pid: target.Pid, Nsid: -1}
	ns, err := target.open()
	if err != nil {
		return namespace, err
	}
	defer ns.Close()
	if nsid, err := nsidOf(ns.Fd()); err == nil {
		namespace.Nsid = nsid
	}
	hostFd, err := hostNetnsFd()
	if err != nil {
		return namespace, err
	}
	err = ns.run(func() error {
		dumps := newDumpSocket()
		defer dumps.close()
		links, cutLinks, err := dumpLinksWithin(dumps, namespaceBounds)
		if err != nil {
			return err
		}
		routes, cutRoutes, err := dumpRoutes(dumps, namespaceBounds.routes)
		if err != nil {
			return err
		}
		namespace.Links, namespace.Routes = links, routes
		if cut := append(cutLinks, cutRoutes...); len(cut) > 0 {
			namespace.Truncated = cut
		}
		if peers := readPeerNamespaces(dumps, links, hostFd); len(peers) > 0 {
			namespace.PeerNamespaces = peers
		}
		if sockets, listenErr := dumpListening(); listenErr == nil {
			namespace.Listening = &sockets
		}
		return nil
	})
	if err != nil {
		return namespace, err
	}
	if conf, confErr := ns.readResolvConf(); confErr != nil {
		namespace.ResolvConfError = confErr.Error()
	} else {
		namespace.ResolvConf = &conf
	}
	return namespace, nil
}

func methodWatch(h *Helper, raw []byte) (interface{}, error) {
	var params targetsParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := checkTargets(params.Targets); err != nil {
		return nil, err
	}
	watching, failed := h.watcher.watch(params.Targets)
	return WatchResult{Watching: watching, Failed: failed}, nil
}
