// A container's /etc/resolv.conf, read safely: the file is the container's
// to write (root inside can fill it with gigabytes, or, where it may unmount
// Docker's bind mount, make it a symlink to anywhere). So the path is resolved
// inside the container's root (openat2 with RESOLVE_IN_ROOT: a symlink cannot
// leave it), at most maxResolvConfBytes are read, and only what glibc would use
// is kept (MAXNS nameservers, six search domains).
package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"unsafe"
)

const (
	maxResolvConfBytes = 64 * 1024
	maxNameservers     = 3 // glibc's MAXNS
	maxSearchDomains   = 6
	maxOptions         = 16
	sysOpenat2         = 437 // the same on amd64 and arm64
	resolveNoMagicLink = 0x02
	resolveInRoot      = 0x10
)

// ResolvConf is what a container's /etc/resolv.conf says, as its resolver uses it.
type ResolvConf struct {
	Nameservers []string `json:"nameservers"`
	Search      []string `json:"search"`
	Options     []string `json:"options"`
	Ndots       int      `json:"ndots"`
	// Truncated says the file was longer than maxResolvConfBytes and only its start was read.
	Truncated bool `json:"truncated"`
}

type openHow struct {
	flags   uint64
	mode    uint64
	resolve uint64
}

// openInRoot opens path relative to root, never leaving it: absolute symlinks resolve
// against root, ".." stops at root, and /proc-style magic links are refused.
func openInRoot(root, path string) (*os.File, error) {
	dir, err := os.Open(root)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	name, err := syscall.BytePtrFromString(path)
	if err != nil {
		return nil, err
	}
	how := openHow{flags: syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK, resolve: resolveInRoot | resolveNoMagicLink}
	fd, _, errno := syscall.Syscall6(sysOpenat2, dir.Fd(), uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(&how)), unsafe.Sizeof(how), 0, 0)
	if errno != 0 {
		return nil, errno
	}
	return os.NewFile(fd, path), nil
}

// readResolvConf reads the resolv.conf of the container whose init is pid.
func readResolvConf(pid int) (ResolvConf, error) {
	return readResolvConfIn(fmt.Sprintf("/proc/%d/root", pid))
}

// readResolvConfIn reads etc/resolv.conf under root, without leaving root.
func readResolvConfIn(root string) (ResolvConf, error) {
	file, err := openInRoot(root, "etc/resolv.conf")
	if err != nil {
		if errors.Is(err, syscall.ENOENT) {
			return ResolvConf{}, errors.New("the container has no /etc/resolv.conf")
		}
		return ResolvConf{}, fmt.Errorf("cannot open the container's /etc/resolv.conf: %w", err)
	}
	defer file.Close()
	// A FIFO or device would block or never end: only a regular file is read.
	if info, err := file.Stat(); err != nil || !info.Mode().IsRegular() {
		return ResolvConf{}, errors.New("the container's /etc/resolv.conf is not a regular file")
	}
	text, err := io.ReadAll(io.LimitReader(file, maxResolvConfBytes+1))
	if err != nil {
		return ResolvConf{}, fmt.Errorf("cannot read the container's /etc/resolv.conf: %w", err)
	}
	truncated := len(text) > maxResolvConfBytes
	if truncated {
		text = text[:maxResolvConfBytes]
	}
	conf := parseResolvConf(string(text))
	conf.Truncated = truncated
	return conf, nil
}

func parseResolvConf(text string) ResolvConf {
	conf := ResolvConf{Nameservers: []string{}, Search: []string{}, Options: []string{}, Ndots: 1}
	for _, line := range strings.Split(text, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") || strings.HasPrefix(fields[0], ";") {
			continue
		}
		switch fields[0] {
		case "nameserver":
			if net.ParseIP(fields[1]) != nil && len(conf.Nameservers) < maxNameservers {
				conf.Nameservers = append(conf.Nameservers, fields[1])
			}
		case "search", "domain":
			// The last search or domain line wins, as in glibc.
			conf.Search = []string{}
			for _, domain := range fields[1:] {
				if len(conf.Search) < maxSearchDomains && len(domain) <= 253 {
					conf.Search = append(conf.Search, domain)
				}
			}
		case "options":
			for _, option := range fields[1:] {
				if len(conf.Options) < maxOptions && len(option) <= 64 {
					conf.Options = append(conf.Options, option)
				}
				if strings.HasPrefix(option, "ndots:") {
					if n, ok := smallNumber(option[6:]); ok && n <= 15 {
						conf.Ndots = n
					}
				}
			}
		}
	}
	return conf
}

func smallNumber(text string) (int, bool) {
	if text == "" || len(text) > 3 {
		return 0, false
	}
	n := 0
	for _, c := range text {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
