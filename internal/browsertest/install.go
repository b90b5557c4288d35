package browsertest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// installOnce makes the first test of a binary that finds no browser try to
// install one, and every later test share that outcome.
var (
	installOnce sync.Once
	installErr  error
)

// installChromium installs Debian's chromium package with apt-get, as root
// or through passwordless sudo, so that `go test ./...` on a fresh Debian or
// Ubuntu machine needs no manual step. Test binaries that run at the same
// time take turns on a lock file, and the later ones find it installed.
func installChromium() error {
	installOnce.Do(func() { installErr = installLocked() })
	return installErr
}

// installLocked installs the browser unless another test binary, holding
// the same lock file first, already has.
func installLocked() error {
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "flowduck-chromium-install.lock"), os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return fmt.Errorf("install chromium: %w", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("install chromium: lock %s: %w", f.Name(), err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if _, err := Find(); err == nil {
		return nil
	}
	return aptInstall("chromium")
}

// aptInstall runs apt-get update and apt-get install -y pkg.
func aptInstall(pkg string) error {
	if _, err := exec.LookPath("apt-get"); err != nil {
		return fmt.Errorf("no apt-get to install %s with", pkg)
	}
	var prefix []string
	if os.Geteuid() != 0 {
		if _, err := exec.LookPath("sudo"); err != nil {
			return fmt.Errorf("not root and no sudo to install %s with", pkg)
		}
		prefix = []string{"sudo", "-n"}
	}
	lock := []string{"-o", "DPkg::Lock::Timeout=600"}
	steps := [][]string{
		append(append([]string{"apt-get"}, lock...), "update"),
		append(append([]string{"env", "DEBIAN_FRONTEND=noninteractive", "apt-get"}, lock...), "install", "-y", pkg),
	}
	for _, step := range steps {
		args := append(append([]string{}, prefix...), step...)
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("install %s: %s: %w\n%s", pkg, strings.Join(args, " "), err, lastLines(string(out), 10))
		}
	}
	return nil
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
