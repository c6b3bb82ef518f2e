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

func methodTCP(_ *Helper, raw []byte) (interface{}, error) {
	var params tcpParams
	if err := decodeProbe(raw, &params, func() Target { return params.Target }); err != nil {
		return nil, err
	}
	ip, err := parseTarget(params.Address)
	if err != nil {
		return nil, err
	}
	if params.Port < 1 || params.Port > 65535 {
		return nil, badRequest("port must be 1 to 65535")
	}
	timeout := clampMs(params.TimeoutMs, 50, 10000, 2000)
	if timeout < 0 {
		return nil, badRequest("timeoutMs must be 50 to 10000")
	}
	started := time.Now()
	var conn net.Conn
	err = inNetns(params.Pid, func() error {
		var dialErr error
		conn, dialErr = net.DialTimeout("tcp", net.JoinHostPort(ip.String(), strconv.Itoa(params.Port)), timeout)
		return dialErr
	})
	elapsed := msSince(started)
	result := TCPResult{Address: ip.String(), Port: params.Port, TimeMs: elapsed}
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
