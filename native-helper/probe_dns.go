// The DNS probe: A and AAAA through the container's own resolver, asked from inside its namespace.
package main

import (
	"errors"
	"net"
	"time"
)

type dnsParams struct {
	Target
	Name      string `json:"name"`
	TimeoutMs int    `json:"timeoutMs"`
}

func methodDNS(_ *Helper, raw []byte) (interface{}, error) {
	var params dnsParams
	ns, err := decodeProbe(raw, &params, func() Target { return params.Target })
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	if len(params.Name) == 0 || len(params.Name) > 253 {
		return nil, badRequest("name must be 1 to 253 characters")
	}
	timeout := clampMs(params.TimeoutMs, 50, 10000, 2000)
	if timeout < 0 {
		return nil, badRequest("timeoutMs must be 50 to 10000")
	}
	// The container's own resolver configuration, read inside its root and bounded.
	conf, err := ns.readResolvConf()
	if err != nil {
		return DNSResult{Reason: err.Error(), Answers: []DNSAnswer{}, Tried: []DNSTry{}}, nil
	}
	started := time.Now()
	tried := []DNSTry{}
	for _, candidate := range conf.candidates(params.Name) {
		for _, server := range conf.Nameservers {
			answers := []DNSAnswer{}
			rcode := ""
			for _, qtype := range []uint16{dnsTypeA, dnsTypeAAAA} {
				code, found, err := queryInNetns(ns, server, candidate, qtype, timeout)
				if err != nil {
					rcode = err.Error()
					break
				}
				rcode = code
				answers = append(answers, found...)
			}
			tried = append(tried, DNSTry{Name: candidate, Server: server, Rcode: rcode, Answers: len(answers)})
			if len(answers) > 0 {
				return DNSResult{Resolved: true, Name: candidate, Server: server, Answers: answers, TimeMs: msSince(started), ResolvConf: &conf, Tried: tried}, nil
			}
		}
	}
	return DNSResult{Answers: []DNSAnswer{}, TimeMs: msSince(started), ResolvConf: &conf, Tried: tried}, nil
}

func queryInNetns(ns *Netns, server, name string, qtype uint16, timeout time.Duration) (string, []DNSAnswer, error) {
	id := randomUint16()
	query, err := encodeQuery(id, name, qtype)
	if err != nil {
		return "", nil, err
	}
	var conn net.Conn
	err = ns.run(func() error {
		var dialErr error
		conn, dialErr = net.DialTimeout("udp", net.JoinHostPort(server, "53"), timeout)
		return dialErr
	})
	if err != nil {
		return "", nil, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(timeout))
	if _, err := conn.Write(query); err != nil {
		return "", nil, err
	}
	buffer := make([]byte, 4096)
	for {
		n, err := conn.Read(buffer)
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return "", nil, errors.New("timeout")
			}
			return "", nil, err
		}
		rcode, answers, decodeErr := decodeResponse(id, buffer[:n])
		if decodeErr == nil {
			return rcode, answers, nil
		}
	}
}
