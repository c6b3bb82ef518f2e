// Connectivity probes, run from inside a container's network namespace so
// they see exactly what the container sees, even in images with no tools:
// route lookup, DNS through the container's own resolver, ICMP echo, TCP
// connect and HTTP GET. Every socket is created on a thread inside the
// namespace (a socket stays in the namespace it was made in).
package main

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"syscall"
	"time"
)

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

// --- route ---

type routeParams struct {
	Pid         int    `json:"pid"`
	Destination string `json:"destination"`
}

func methodRoute(_ *Helper, raw []byte) (interface{}, error) {
	var params routeParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPid(params.Pid); err != nil {
		return nil, err
	}
	ip, err := parseTarget(params.Destination)
	if err != nil {
		return nil, err
	}
	var result map[string]interface{}
	err = inNetns(params.Pid, func() error {
		var routeErr error
		result, routeErr = routeGet(ip)
		return routeErr
	})
	return result, err
}

// routeGet asks the kernel which route it would use for ip (RTM_GETROUTE), as `ip route get` does.
func routeGet(ip net.IP) (map[string]interface{}, error) {
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
			return map[string]interface{}{"reachable": false, "reason": "no route to " + ip.String()}, nil
		}
		return nil, err
	}
	for i := range messages {
		if messages[i].Header.Type != syscall.RTM_NEWROUTE {
			continue
		}
		attrs, err := syscall.ParseNetlinkRouteAttr(&messages[i])
		if err != nil {
			return nil, err
		}
		result := map[string]interface{}{"reachable": true, "destination": ip.String(), "gateway": "", "source": "", "ifindex": 0, "ifname": ""}
		for _, a := range attrs {
			switch a.Attr.Type {
			case syscall.RTA_OIF:
				index := int(nativeUint32(a.Value))
				result["ifindex"] = index
				if iface, err := net.InterfaceByIndex(index); err == nil {
					result["ifname"] = iface.Name
				}
			case syscall.RTA_GATEWAY:
				result["gateway"] = net.IP(a.Value).String()
			case syscall.RTA_PREFSRC:
				result["source"] = net.IP(a.Value).String()
			}
		}
		return result, nil
	}
	return nil, errors.New("the kernel gave no route answer")
}

// netlinkRequest sends one rtnetlink request from the calling thread's namespace and returns the answer.
func netlinkRequest(msgType uint16, flags uint16, payload []byte) ([]syscall.NetlinkMessage, error) {
	socket, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.NETLINK_ROUTE)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(socket)
	if err := syscall.Bind(socket, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		return nil, err
	}
	request := make([]byte, syscall.NLMSG_HDRLEN+len(payload))
	nativePutUint32(request[0:4], uint32(len(request)))
	nativePutUint16(request[4:6], msgType)
	nativePutUint16(request[6:8], flags)
	nativePutUint32(request[8:12], 1)
	copy(request[syscall.NLMSG_HDRLEN:], payload)
	if err := syscall.Sendto(socket, request, 0, &syscall.SockaddrNetlink{Family: syscall.AF_NETLINK}); err != nil {
		return nil, err
	}
	buffer := make([]byte, 65536)
	n, _, err := syscall.Recvfrom(socket, buffer, 0)
	if err != nil {
		return nil, err
	}
	messages, err := syscall.ParseNetlinkMessage(buffer[:n])
	if err != nil {
		return nil, err
	}
	for i := range messages {
		if messages[i].Header.Type == syscall.NLMSG_ERROR && len(messages[i].Data) >= 4 {
			if code := int32(nativeUint32(messages[i].Data[0:4])); code != 0 {
				return nil, syscall.Errno(-code)
			}
		}
	}
	return messages, nil
}

// --- dns ---

type dnsParams struct {
	Pid       int    `json:"pid"`
	Name      string `json:"name"`
	TimeoutMs int    `json:"timeoutMs"`
}

func methodDNS(_ *Helper, raw []byte) (interface{}, error) {
	var params dnsParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPid(params.Pid); err != nil {
		return nil, err
	}
	if len(params.Name) == 0 || len(params.Name) > 253 {
		return nil, badRequest("name must be 1 to 253 characters")
	}
	timeout := clampMs(params.TimeoutMs, 50, 10000, 2000)
	if timeout < 0 {
		return nil, badRequest("timeoutMs must be 50 to 10000")
	}
	// The container's own resolver configuration, seen through its root.
	text, err := os.ReadFile(fmt.Sprintf("/proc/%d/root/etc/resolv.conf", params.Pid))
	if err != nil {
		return map[string]interface{}{"resolved": false, "reason": "the container has no /etc/resolv.conf", "answers": []DNSAnswer{}}, nil
	}
	conf := parseResolvConf(string(text))
	started := time.Now()
	tried := []map[string]interface{}{}
	for _, candidate := range conf.candidates(params.Name) {
		for _, server := range conf.Nameservers {
			answers := []DNSAnswer{}
			rcode := ""
			for _, qtype := range []uint16{dnsTypeA, dnsTypeAAAA} {
				code, found, err := queryInNetns(params.Pid, server, candidate, qtype, timeout)
				if err != nil {
					rcode = err.Error()
					break
				}
				rcode = code
				answers = append(answers, found...)
			}
			tried = append(tried, map[string]interface{}{"name": candidate, "server": server, "rcode": rcode, "answers": len(answers)})
			if len(answers) > 0 {
				return map[string]interface{}{"resolved": true, "name": candidate, "server": server, "answers": answers, "timeMs": msSince(started), "resolvConf": conf, "tried": tried}, nil
			}
		}
	}
	return map[string]interface{}{"resolved": false, "answers": []DNSAnswer{}, "timeMs": msSince(started), "resolvConf": conf, "tried": tried}, nil
}

func queryInNetns(pid int, server, name string, qtype uint16, timeout time.Duration) (string, []DNSAnswer, error) {
	id := uint16(rand.Intn(65536))
	query, err := encodeQuery(id, name, qtype)
	if err != nil {
		return "", nil, err
	}
	var conn net.Conn
	err = inNetns(pid, func() error {
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

// --- ping ---

type pingParams struct {
	Pid        int    `json:"pid"`
	Target     string `json:"target"`
	Count      int    `json:"count"`
	IntervalMs int    `json:"intervalMs"`
	TimeoutMs  int    `json:"timeoutMs"`
}

func methodPing(_ *Helper, raw []byte) (interface{}, error) {
	var params pingParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPid(params.Pid); err != nil {
		return nil, err
	}
	ip, err := parseTarget(params.Target)
	if err != nil {
		return nil, err
	}
	if ip.To4() == nil {
		return nil, badRequest("ping supports IPv4 targets")
	}
	if params.Count == 0 {
		params.Count = 3
	}
	if params.Count < 1 || params.Count > 20 {
		return nil, badRequest("count must be 1 to 20")
	}
	interval, timeout := clampMs(params.IntervalMs, 10, 5000, 200), clampMs(params.TimeoutMs, 50, 10000, 1000)
	if interval < 0 || timeout < 0 {
		return nil, badRequest("intervalMs must be 10 to 5000 and timeoutMs 50 to 10000")
	}
	var fd int
	err = inNetns(params.Pid, func() error {
		var socketErr error
		fd, socketErr = syscall.Socket(syscall.AF_INET, syscall.SOCK_RAW|syscall.SOCK_CLOEXEC, syscall.IPPROTO_ICMP)
		return socketErr
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open an ICMP socket in the namespace: %w", err)
	}
	defer syscall.Close(fd)
	id := uint16(rand.Intn(65536))
	rtts := []float64{}
	errorsSeen := map[string]int{}
	var target [4]byte
	copy(target[:], ip.To4())
	for seq := 1; seq <= params.Count; seq++ {
		if seq > 1 {
			time.Sleep(interval)
		}
		rtt, problem := echoOnce(fd, target, id, uint16(seq), timeout)
		if problem != "" {
			errorsSeen[problem]++
		} else {
			rtts = append(rtts, rtt)
		}
	}
	result := map[string]interface{}{"target": ip.String(), "sent": params.Count, "received": len(rtts), "errors": errorsSeen}
	if len(rtts) > 0 {
		min, max, sum := rtts[0], rtts[0], 0.0
		for _, r := range rtts {
			if r < min {
				min = r
			}
			if r > max {
				max = r
			}
			sum += r
		}
		result["rttMs"] = map[string]float64{"min": min, "avg": sum / float64(len(rtts)), "max": max}
	}
	return result, nil
}

// echoOnce sends one echo request and waits for its reply; problem is "" on success.
func echoOnce(fd int, target [4]byte, id, seq uint16, timeout time.Duration) (float64, string) {
	packet := make([]byte, 16)
	packet[0] = 8 // echo request
	binary.BigEndian.PutUint16(packet[4:6], id)
	binary.BigEndian.PutUint16(packet[6:8], seq)
	binary.BigEndian.PutUint64(packet[8:16], uint64(time.Now().UnixNano()))
	binary.BigEndian.PutUint16(packet[2:4], checksum(packet))
	started := time.Now()
	if err := syscall.Sendto(fd, packet, 0, &syscall.SockaddrInet4{Addr: target}); err != nil {
		return 0, "send: " + err.Error()
	}
	deadline := started.Add(timeout)
	buffer := make([]byte, 1500)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return 0, "timeout"
		}
		tv := syscall.NsecToTimeval(left.Nanoseconds())
		syscall.SetsockoptTimeval(fd, syscall.SOL_SOCKET, syscall.SO_RCVTIMEO, &tv)
		n, from, err := syscall.Recvfrom(fd, buffer, 0)
		if err != nil {
			if err == syscall.EAGAIN || err == syscall.EWOULDBLOCK || err == syscall.EINTR {
				continue
			}
			return 0, "receive: " + err.Error()
		}
		if n < 20 {
			continue
		}
		headerLength := int(buffer[0]&0x0F) * 4
		if n < headerLength+8 {
			continue
		}
		icmp := buffer[headerLength:n]
		switch icmp[0] {
		case 0: // echo reply
			source, ok := from.(*syscall.SockaddrInet4)
			if ok && source.Addr == target && binary.BigEndian.Uint16(icmp[4:6]) == id && binary.BigEndian.Uint16(icmp[6:8]) == seq {
				return float64(time.Since(started).Microseconds()) / 1000, ""
			}
		case 3: // destination unreachable, quoting our request
			if len(icmp) >= 8+20+8 {
				inner := icmp[8:]
				innerHeader := int(inner[0]&0x0F) * 4
				if len(inner) >= innerHeader+8 && binary.BigEndian.Uint16(inner[innerHeader+4:innerHeader+6]) == id {
					return 0, "destination unreachable"
				}
			}
		}
	}
}

func checksum(data []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(data); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(data[i : i+2]))
	}
	if len(data)%2 == 1 {
		sum += uint32(data[len(data)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = (sum & 0xFFFF) + (sum >> 16)
	}
	return ^uint16(sum)
}

// --- tcp ---

type tcpParams struct {
	Pid       int    `json:"pid"`
	Target    string `json:"target"`
	Port      int    `json:"port"`
	TimeoutMs int    `json:"timeoutMs"`
}

func methodTCP(_ *Helper, raw []byte) (interface{}, error) {
	var params tcpParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPid(params.Pid); err != nil {
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

// --- http ---

type httpParams struct {
	Pid       int    `json:"pid"`
	URL       string `json:"url"`
	Address   string `json:"address"`
	TimeoutMs int    `json:"timeoutMs"`
}

const maxBody = 64 * 1024

func methodHTTP(_ *Helper, raw []byte) (interface{}, error) {
	var params httpParams
	if err := DecodeParams(raw, &params); err != nil {
		return nil, err
	}
	if err := validPid(params.Pid); err != nil {
		return nil, err
	}
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
			err := inNetns(params.Pid, func() error {
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
		return map[string]interface{}{"ok": false, "error": trimError(err), "timeMs": msSince(started)}, nil
	}
	defer response.Body.Close()
	read, _ := io.Copy(io.Discard, io.LimitReader(response.Body, maxBody))
	headers := map[string]string{}
	for _, name := range []string{"Content-Type", "Content-Length", "Server", "Location"} {
		if value := response.Header.Get(name); value != "" {
			headers[name] = value
		}
	}
	return map[string]interface{}{"ok": true, "status": response.StatusCode, "statusText": response.Status, "headers": headers, "bytes": read, "timeMs": msSince(started)}, nil
}

func msSince(started time.Time) float64 {
	return float64(time.Since(started).Microseconds()) / 1000
}
