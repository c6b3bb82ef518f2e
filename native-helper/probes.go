// Connectivity probes, run from inside a container's network namespace so
// they see exactly what the container sees, even in images with no tools:
// route lookup, DNS through the container's own resolver, ICMP echo, TCP
// connect and HTTP GET. Every socket is created on a thread inside the
// namespace (a socket stays in the namespace it was made in).
package main

import (
	"net"
	"time"
)

// decodeProbe decodes a probe's params strictly and opens the named container's namespace (checked to be its
// init's); the caller closes it when the probe is done.
func decodeProbe(raw []byte, params interface{}, target func() Target) (*Netns, error) {
	if err := DecodeParams(raw, params); err != nil {
		return nil, err
	}
	return target().open()
}

func clampMs(value, min, max, fallback int) time.Duration {
	if value == 0 {
		value = fallback
	}
	if value < min || value > max {
		value = -1
	}
	return time.Duration(value) * time.Millisecond
}

func parseTarget(address string) (net.IP, error) {
	ip := net.ParseIP(address)
	if ip == nil {
		return nil, badRequest("%q is not an IP address", truncate(address, 64))
	}
	return ip, nil
}
