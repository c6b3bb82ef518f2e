package main

import (
	"os"
	"strings"
	"testing"
)

const someContainer = "4b6134ff524daf6b8a0347f1815e808be6715482532a0a95dbb689953b70cf5c"

func TestInitOfAContainer(t *testing.T) {
	v1 := "4:memory:/docker/" + someContainer + "\n0::/docker/" + someContainer + "\n"
	systemd := "0::/system.slice/docker-" + someContainer + ".scope\n"
	cases := []struct {
		cgroup, status string
		ok             bool
	}{
		{v1, "Name:\tsleep\nNSpid:\t26429\t1\n", true},
		{systemd, "NSpid:\t26429\t1\n", true},
		{v1, "NSpid:\t26500\t7\n", false},                                  // another process of the container
		{"0::/user.slice\n", "NSpid:\t1\n", false},                         // the host's init
		{"0::/docker/" + strings.Repeat("a", 64), "NSpid:\t5\t1\n", false}, // another container's init
	}
	for _, c := range cases {
		if ok, why := initOf(c.cgroup, c.status, someContainer); ok != c.ok {
			t.Errorf("%q %q: got %v (%s)", c.cgroup, c.status, ok, why)
		}
	}
}

func TestTargetCheckRefusesTheHostAndMalformedIds(t *testing.T) {
	for _, target := range []Target{{Pid: 1, Container: someContainer}, {Pid: os.Getpid(), Container: someContainer}, {Pid: 1, Container: "web"}, {Pid: 0, Container: someContainer}} {
		if err := target.check(); err == nil {
			t.Errorf("%+v accepted", target)
		}
	}
}
