// The closed set of methods the helper answers. Each decodes its params
// strictly and validates them before touching the kernel.
package main

import (
	"fmt"
	"os"
	"runtime"
)

// Version is reported by the "version" method; the backend checks it.
const Version = "1"

type handler func(h *Helper, params []byte) (interface{}, error)

var methods = map[string]handler{
	"version":    methodVersion,
	"hostLinks":  methodHostLinks,
	"netnsLinks": methodNetnsLinks,
	"snapshot":   methodSnapshot,
	"watch":      methodWatch,
	"route":      methodRoute,
	"dns":        methodDNS,
	"ping":       methodPing,
	"tcp":        methodTCP,
	"http":       methodHTTP,
	"wire":       methodWire,
	"unwire":     methodUnwire,
}

type noParams struct{}

type pidParams struct {
	Pid int `json:"pid"`
}

type pidsParams struct {
	Pids []int `json:"pids"`
}

func methodVersion(_ *Helper, raw []byte) (interface{}, error) {
	if err := DecodeParams(raw, &noParams{}); err != nil {
		return nil, err
	}
	return map[string]interface{}{"version": Version, "go": runtime.Version(), "arch": runtime.GOARCH, "pid": os.Getpid()}, nil
}

func methodHostLinks(_ *Helper, raw []byte) (interface{}, error) {
	if err := DecodeParams(raw, &noParams{}); err != nil {
		return nil, err
	}
	links, err := dumpLinks()
	if err != nil {
		return nil, err
	}
	return map[string]interface{}{"links": links}, nil
}

// Namespace is what one container's namespace holds, and how the host names it.
type Namespace struct {
	Pid    int     `json:"pid"`
	Nsid   int     `json:"nsid"`
	Links  []Link  `json:"links"`
	Routes []Route `json:"routes"`
	Error  string  `json:"error,omitempty"`
}

func methodNetnsLinks(_ *Helper, raw []byte) (interface{}, error) {
	var params pidParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPid(params.Pid); err != nil {
		return nil, err
	}
	return readNamespace(params.Pid)
}

// methodSnapshot reads the host and many namespaces in one round trip; a
// namespace that vanished meanwhile reports its error instead of failing all.
func methodSnapshot(_ *Helper, raw []byte) (interface{}, error) {
	var params pidsParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPids(params.Pids); err != nil {
		return nil, err
	}
	host, err := dumpLinks()
	if err != nil {
		return nil, err
	}
	namespaces := make([]Namespace, 0, len(params.Pids))
	for _, pid := range params.Pids {
		namespace, err := readNamespace(pid)
		if err != nil {
			namespace = Namespace{Pid: pid, Nsid: -1, Links: []Link{}, Routes: []Route{}, Error: err.Error()}
		}
		namespaces = append(namespaces, namespace)
	}
	return map[string]interface{}{"host": map[string]interface{}{"links": host}, "namespaces": namespaces}, nil
}

func readNamespace(pid int) (Namespace, error) {
	namespace := Namespace{Pid: pid, Nsid: -1}
	nsFile, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
	if err != nil {
		return namespace, &HelperError{Code: "not-found", Message: fmt.Sprintf("no network namespace for pid %d", pid)}
	}
	defer nsFile.Close()
	if nsid, err := nsidOf(int(nsFile.Fd())); err == nil {
		namespace.Nsid = nsid
	}
	err = inNetns(pid, func() error {
		links, err := dumpLinks()
		if err != nil {
			return err
		}
		routes, err := dumpRoutes()
		if err != nil {
			return err
		}
		namespace.Links, namespace.Routes = links, routes
		return nil
	})
	return namespace, err
}

func methodWatch(h *Helper, raw []byte) (interface{}, error) {
	var params pidsParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPids(params.Pids); err != nil {
		return nil, err
	}
	watching, failed := h.watcher.watch(params.Pids)
	return map[string]interface{}{"watching": watching, "failed": failed}, nil
}
