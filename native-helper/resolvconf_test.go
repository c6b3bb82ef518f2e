package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// containerRoot makes a directory standing in for a container's root, with etc/.
func containerRoot(t *testing.T) string {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// measure runs fn and returns how long it took and how much it allocated.
func measure(fn func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	started := time.Now()
	fn()
	elapsed := time.Since(started)
	runtime.ReadMemStats(&after)
	return elapsed, after.TotalAlloc - before.TotalAlloc
}

func TestResolvConfHugeFileIsReadBoundedAndSaysSo(t *testing.T) {
	root := containerRoot(t)
	path := filepath.Join(root, "etc", "resolv.conf")
	lines := strings.Repeat("nameserver 10.0.0.1\nnameserver 10.0.0.2\nsearch a b c d e f g h\n", 4000)
	if err := os.WriteFile(path, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	// Then 200 MB more (sparse: costs no disk), as a hostile container would write.
	if err := os.Truncate(path, 200<<20); err != nil {
		t.Fatal(err)
	}
	var conf ResolvConf
	var err error
	elapsed, allocated := measure(func() { conf, err = readResolvConfIn(root) })
	if err != nil {
		t.Fatal(err)
	}
	if !conf.Truncated || len(conf.Nameservers) != maxNameservers || len(conf.Search) != maxSearchDomains {
		t.Fatalf("got %+v", conf)
	}
	if elapsed > time.Second || allocated > 4<<20 {
		t.Fatalf("took %v and allocated %d bytes for a 200 MB file", elapsed, allocated)
	}
}

func TestResolvConfOneEndlessLine(t *testing.T) {
	root := containerRoot(t)
	if err := os.WriteFile(filepath.Join(root, "etc", "resolv.conf"), []byte("nameserver "+strings.Repeat("9", 5<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	conf, err := readResolvConfIn(root)
	if err != nil || !conf.Truncated || len(conf.Nameservers) != 0 {
		t.Fatalf("got %+v, %v", conf, err)
	}
}

func TestResolvConfSymlinkCannotLeaveTheContainerRoot(t *testing.T) {
	for _, target := range []string{"/etc/passwd", "../../../../../../etc/passwd", "/proc/self/environ"} {
		root := containerRoot(t)
		if err := os.Symlink(target, filepath.Join(root, "etc", "resolv.conf")); err != nil {
			t.Fatal(err)
		}
		if _, err := readResolvConfIn(root); err == nil || !strings.Contains(err.Error(), "no /etc/resolv.conf") {
			t.Fatalf("%s: want the host's file unreachable, got %v", target, err)
		}
	}
	// A symlink inside the root is followed, as the container itself would.
	root := containerRoot(t)
	os.WriteFile(filepath.Join(root, "etc", "real.conf"), []byte("nameserver 127.0.0.11\n"), 0o644)
	os.Symlink("/etc/real.conf", filepath.Join(root, "etc", "resolv.conf"))
	if conf, err := readResolvConfIn(root); err != nil || conf.Nameservers[0] != "127.0.0.11" {
		t.Fatalf("got %+v, %v", conf, err)
	}
}

func TestResolvConfFifoIsRefusedNotWaitedOn(t *testing.T) {
	root := containerRoot(t)
	if err := syscall.Mkfifo(filepath.Join(root, "etc", "resolv.conf"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := readResolvConfIn(root); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("got %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("reading a FIFO hung")
	}
}

// A device node a container made (MKNOD is a default capability) must never reach its driver's open: a
// watchdog arms, a serial port raises its lines. A char device with no driver behind it tells: opened for
// reading it fails with ENXIO; looked at without opening it is "not a regular file".
func TestResolvConfDeviceNodeIsNotOpened(t *testing.T) {
	root := containerRoot(t)
	node := filepath.Join(root, "etc", "resolv.conf")
	if err := syscall.Mknod(node, syscall.S_IFCHR|0o644, int(1<<8|250)); err != nil {
		t.Fatal(err)
	}
	if f, err := os.OpenFile(node, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
		t.Fatal("the stand-in device has a driver: pick an unused minor")
	}
	if _, err := readResolvConfIn(root); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("want it refused unopened, got %v", err)
	}
}

// A symlink to a device under the container's /proc or /dev (inside its root) is refused the same way.
func TestResolvConfSymlinkToADeviceInsideTheRootIsNotOpened(t *testing.T) {
	root := containerRoot(t)
	os.MkdirAll(filepath.Join(root, "dev"), 0o755)
	if err := syscall.Mknod(filepath.Join(root, "dev", "watchdog"), syscall.S_IFCHR|0o644, int(1<<8|250)); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/watchdog", filepath.Join(root, "etc", "resolv.conf"))
	if _, err := readResolvConfIn(root); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("got %v", err)
	}
}

func TestParseResolvConfKeepsWhatGlibcUses(t *testing.T) {
	conf := parseResolvConf("# x\nnameserver 127.0.0.11\nnameserver bogus\nsearch one two\ndomain three\noptions ndots:3 timeout:2 attempts:x\n")
	if strings.Join(conf.Nameservers, ",") != "127.0.0.11" || strings.Join(conf.Search, ",") != "three" || conf.Ndots != 3 || len(conf.Options) != 3 {
		t.Fatalf("got %+v", conf)
	}
}

func FuzzParseResolvConf(f *testing.F) {
	f.Add("nameserver 1.2.3.4\nsearch a b\noptions ndots:2\n")
	f.Fuzz(func(t *testing.T, text string) {
		conf := parseResolvConf(text)
		if len(conf.Nameservers) > maxNameservers || len(conf.Search) > maxSearchDomains || len(conf.Options) > maxOptions || conf.Ndots < 0 || conf.Ndots > 15 {
			t.Fatalf("out of bounds: %+v", conf)
		}
	})
}
