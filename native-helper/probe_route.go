// The route probe: which interface, source and gateway the kernel would use (ip route get).
package main

import (
	"errors"
	"net"
	"syscall"
)

type routeParams struct {
	Target
	Destination string `json:"destination"`
}

func methodRoute(_ *Helper, raw []byte) (interface{}, error) {
	var params routeParams
	ns, err := decodeProbe(raw, &params, func() Target { return params.Target })
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	ip, err := parseTarget(params.Destination)
	if err != nil {
		return nil, err
	}
	var result RouteResult
	err = ns.run(func() error {
		var routeErr error
		result, routeErr = routeGet(ip)
		return routeErr
	})
	return result, err
}

// routeGet asks the kernel which route it would use for ip (RTM_GETROUTE), as `ip route get` does.
func routeGet(ip net.IP) (RouteResult, error) {
	family, address := syscall.AF_INET6, ip.To16()
	if v4 := ip.To4(); v4 != nil {
		family, address = syscall.AF_INET, v4
	}
	payload := make([]byte, syscall.SizeofRtMsg+4+len(address))
	payload[0] = byte(family)
	payload[1] = byte(len(address) * 8) // dst_len
	attr := payload[syscall.SizeofRtMsg:]
	nativePutUint16(attr[0:2], uint16(4+len(address)))
	nativePutUint16(attr[2:4], syscall.RTA_DST)
	copy(attr[4:], address)
	messages, err := netlinkRequest(syscall.RTM_GETROUTE, syscall.NLM_F_REQUEST, payload)
	if err != nil {
		if errors.Is(err, syscall.ENETUNREACH) {
			return RouteResult{Destination: ip.String(), Reason: "no route to " + ip.String()}, nil
		}
		return RouteResult{}, err
	}
	for i := range messages {
		if messages[i].Header.Type != syscall.RTM_NEWROUTE {
			continue
		}
		attrs, err := syscall.ParseNetlinkRouteAttr(&messages[i])
		if err != nil {
			return RouteResult{}, err
		}
		result := RouteResult{Reachable: true, Destination: ip.String()}
		for _, a := range attrs {
			switch a.Attr.Type {
			case syscall.RTA_OIF:
				index := int(nativeUint32(a.Value))
				result.Ifindex = index
				if iface, err := net.InterfaceByIndex(index); err == nil {
					result.Ifname = iface.Name
				}
			case syscall.RTA_GATEWAY:
				result.Gateway = net.IP(a.Value).String()
			case syscall.RTA_PREFSRC:
				result.Source = net.IP(a.Value).String()
			}
		}
		return result, nil
	}
	return RouteResult{}, errors.New("the kernel gave no route answer")
}
