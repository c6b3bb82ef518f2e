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
	oPath              = 0x200000 // O_PATH: a handle to look at, not to read; opening it runs no device's open
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

// openInRoot opens the regular file at path relative to root for reading, never leaving root:
// absolute symlinks resolve against root, ".." stops at root, and /proc-style magic links are
// refused. The container chooses what sits at path, so it is first opened O_PATH (which runs no
// driver's open: a device node such as a watchdog or a serial port has no effect, a FIFO does not
// wake its writer) and looked at; only a regular file is then opened for reading, through that
// same handle, so what is read is what was checked.
func openInRoot(dir *os.File, path string) (*os.File, error) {
	name, err := syscall.BytePtrFromString(path)
	if err != nil {
		return nil, err
	}
	how := openHow{flags: oPath | syscall.O_CLOEXEC, resolve: resolveInRoot | resolveNoMagicLink}
	fd, _, errno := syscall.Syscall6(sysOpenat2, dir.Fd(), uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(&how)), unsafe.Sizeof(how), 0, 0)
	if errno != 0 {
		return nil, errno
	}
	defer syscall.Close(int(fd))
	var stat syscall.Stat_t
	if err := syscall.Fstat(int(fd), &stat); err != nil {
		return nil, err
	}
	if stat.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, errNotRegular
	}
	return os.OpenFile(fmt.Sprintf("/proc/self/fd/%d", fd), syscall.O_RDONLY|syscall.O_NOCTTY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
}

var errNotRegular = errors.New("not a regular file")

// readResolvConfIn reads etc/resolv.conf under the directory root, without leaving it.
func readResolvConfIn(root string) (ResolvConf, error) {
	dir, err := os.Open(root)
	if err != nil {
		return ResolvConf{}, err
	}
	defer dir.Close()
	return readResolvConfAt(dir)
}

// readResolvConfAt reads etc/resolv.conf under the root directory dir, without leaving it.
func readResolvConfAt(dir *os.File) (ResolvConf, error) {
	file, err := openInRoot(dir, "etc/resolv.conf")
	if err != nil {
		if errors.Is(err, syscall.ENOENT) {
			return ResolvConf{}, errors.New("the container has no /etc/resolv.conf")
		}
		if errors.Is(err, errNotRegular) {
			return ResolvConf{}, errors.New("the container's /etc/resolv.conf is not a regular file")
		}
		return ResolvConf{}, fmt.Errorf("cannot open the container's /etc/resolv.conf: %w", err)
	}
	defer file.Close()
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
