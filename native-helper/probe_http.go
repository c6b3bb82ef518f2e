// The HTTP probe: a GET whose every connection is dialled inside the namespace.
package main

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

type httpParams struct {
	Target
	URL       string `json:"url"`
	Address   string `json:"address"`
	TimeoutMs int    `json:"timeoutMs"`
}

const maxBody = 64 * 1024

// hostHTTPParams: the same GET, from the engine host's network namespace (the helper's own).
type hostHTTPParams struct {
	URL       string `json:"url"`
	Address   string `json:"address"`
	TimeoutMs int    `json:"timeoutMs"`
}

func methodHTTP(_ *Helper, raw []byte) (interface{}, error) {
	var params httpParams
	ns, err := decodeProbe(raw, &params, func() Target { return params.Target })
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	return probeHTTP(hostHTTPParams{URL: params.URL, Address: params.Address, TimeoutMs: params.TimeoutMs}, ns.run)
}

func methodHostHTTP(_ *Helper, raw []byte) (interface{}, error) {
	var params hostHTTPParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	return probeHTTP(params, inHostNetns)
}

func probeHTTP(params hostHTTPParams, enter func(func() error) error) (interface{}, error) {
	if len(params.URL) > 2048 {
		return nil, badRequest("url longer than 2048 characters")
	}
	target, err := url.Parse(params.URL)
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") || target.Host == "" {
		return nil, badRequest("url must be an http:// or https:// URL")
	}
	// Dial the address the caller resolved (inside the container); the URL keeps its host for the Host header.
	dialHost := target.Hostname()
	if params.Address != "" {
		if _, err := parseTarget(params.Address); err != nil {
			return nil, err
		}
		dialHost = params.Address
	} else if net.ParseIP(dialHost) == nil {
		return nil, badRequest("give the resolved address of %q", truncate(dialHost, 64))
	}
	port := target.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[target.Scheme]
	}
	timeout := clampMs(params.TimeoutMs, 50, 30000, 5000)
	if timeout < 0 {
		return nil, badRequest("timeoutMs must be 50 to 30000")
	}
	transport := &http.Transport{
		// Every connection is made inside the namespace, on a locked thread.
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var conn net.Conn
			err := enter(func() error {
				var dialErr error
				conn, dialErr = (&net.Dialer{Timeout: timeout}).DialContext(ctx, "tcp", net.JoinHostPort(dialHost, port))
				return dialErr
			})
			return conn, err
		},
		TLSClientConfig:   &tls.Config{ServerName: target.Hostname()},
		DisableKeepAlives: true,
		Proxy:             nil,
	}
	client := &http.Client{Transport: transport, Timeout: timeout, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	started := time.Now()
	response, err := client.Get(target.String())
	if err != nil {
		return HTTPResult{Error: trimError(err), TimeMs: msSince(started)}, nil
	}
	defer response.Body.Close()
	read, _ := io.Copy(io.Discard, io.LimitReader(response.Body, maxBody))
	headers := map[string]string{}
	for _, name := range []string{"Content-Type", "Content-Length", "Server", "Location"} {
		if value := response.Header.Get(name); value != "" {
			headers[name] = value
		}
	}
	return HTTPResult{OK: true, Status: response.StatusCode, StatusText: response.Status, Headers: headers, Bytes: read, TimeMs: msSince(started)}, nil
}

func msSince(started time.Time) float64 {
	return float64(time.Since(started).Microseconds()) / 1000
}
