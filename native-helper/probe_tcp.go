// The TCP probe: a connect from inside the namespace: open, refused or timed out.
package main

import (
	"errors"
	"net"
	"strconv"
	"syscall"
	"time"
)

type tcpParams struct {
	Target
	Address   string `json:"address"`
	Port      int    `json:"port"`
	TimeoutMs int    `json:"timeoutMs"`
}

// hostTCPParams: the same connect, from the helper's own network namespace, which is the engine host's
// (the helper runs with the host's network): how a published port is reached from the host.
type hostTCPParams struct {
	Address   string `json:"address"`
	Port      int    `json:"port"`
	TimeoutMs int    `json:"timeoutMs"`
}

func methodTCP(_ *Helper, raw []byte) (interface{}, error) {
	var params tcpParams
	ns, err := decodeProbe(raw, &params, func() Target { return params.Target })
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	return probeTCP(params.Address, params.Port, params.TimeoutMs, ns.run)
}

func methodHostTCP(_ *Helper, raw []byte) (interface{}, error) {
	var params hostTCPParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	return probeTCP(params.Address, params.Port, params.TimeoutMs, inHostNetns)
}

// inHostNetns runs a dial where the helper is: in the engine host's network namespace.
func inHostNetns(dial func() error) error { return dial() }

func probeTCP(address string, port, timeoutMs int, enter func(func() error) error) (interface{}, error) {
	ip, err := parseTarget(address)
	if err != nil {
		return nil, err
	}
	if port < 1 || port > 65535 {
		return nil, badRequest("port must be 1 to 65535")
	}
	timeout := clampMs(timeoutMs, 50, 10000, 2000)
	if timeout < 0 {
		return nil, badRequest("timeoutMs must be 50 to 10000")
	}
	started := time.Now()
	var conn net.Conn
	err = enter(func() error {
		var dialErr error
		conn, dialErr = net.DialTimeout("tcp", net.JoinHostPort(ip.String(), strconv.Itoa(port)), timeout)
		return dialErr
	})
	elapsed := msSince(started)
	result := TCPResult{Address: ip.String(), Port: port, TimeMs: elapsed}
	switch {
	case err == nil:
		conn.Close()
		result.State = "open"
	case errors.Is(err, syscall.ECONNREFUSED):
		result.State, result.Error = "refused", err.Error()
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		result.State, result.Error = "unreachable", err.Error()
	default:
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			result.State, result.Error = "timeout", "no answer within the timeout"
		} else {
			var helperErr *HelperError
			if errors.As(err, &helperErr) {
				return nil, err
			}
			result.State, result.Error = "error", err.Error()
		}
	}
	return result, nil
}
