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
	Pid       int    `json:"pid"`
	Target    string `json:"target"`
	Port      int    `json:"port"`
	TimeoutMs int    `json:"timeoutMs"`
}

func methodTCP(_ *Helper, raw []byte) (interface{}, error) {
	var params tcpParams
	if err := decodeProbe(raw, &params, func() int { return params.Pid }); err != nil {
		return nil, err
	}
	ip, err := parseTarget(params.Target)
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
	result := map[string]interface{}{"target": ip.String(), "port": params.Port, "timeMs": elapsed}
	switch {
	case err == nil:
		conn.Close()
		result["state"] = "open"
	case errors.Is(err, syscall.ECONNREFUSED):
		result["state"], result["error"] = "refused", err.Error()
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		result["state"], result["error"] = "unreachable", err.Error()
	default:
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			result["state"], result["error"] = "timeout", "no answer within the timeout"
		} else {
			var helperErr *HelperError
			if errors.As(err, &helperErr) {
				return nil, err
			}
			result["state"], result["error"] = "error", err.Error()
		}
	}
	return result, nil
}
