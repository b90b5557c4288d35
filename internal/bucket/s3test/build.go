package s3test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// toolPackage is the import path of the gateway's command in the tools module.
const toolPackage = "github.com/versity/versitygw/cmd/versitygw"

// ToolsDir returns the directory of the tools module that pins versitygw:
// tools/versitygw beside the main module's go.mod, found with `go env GOMOD`
// from the current directory.
func ToolsDir(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("go env GOMOD: not inside a module")
	}
	dir := filepath.Join(filepath.Dir(gomod), "tools", "versitygw")
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return "", fmt.Errorf("tools module: %w", err)
	}
	return dir, nil
}

// Binary returns the path of a versitygw binary built from the tools module,
// building it into the user cache directory first if it is not there. The
// binary's name carries a hash of the tools module's go.mod and go.sum, so a
// version bump builds a new one; a build is written under a temporary name and
// renamed, so concurrent test processes never run a half-written binary.
func Binary(ctx context.Context) (string, error) {
	tools, err := ToolsDir(ctx)
	if err != nil {
		return "", err
	}
	key, err := moduleKey(tools)
	if err != nil {
		return "", err
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("versitygw: %w", err)
	}
	dir := filepath.Join(cache, "flowduck", "tools")
	bin := filepath.Join(dir, "versitygw-"+key)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("versitygw: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("versitygw: %w", err)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", bin, os.Getpid())
	cmd := exec.CommandContext(ctx, "go", "-C", tools, "build", "-buildvcs=false", "-o", tmp, toolPackage)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("build versitygw in %s: %w\n%s", tools, err, stderr.Bytes())
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", fmt.Errorf("versitygw: %w", err)
	}
	return bin, nil
}

// moduleKey hashes the tools module's go.mod and go.sum.
func moduleKey(dir string) (string, error) {
	h := sha256.New()
	for _, name := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "", fmt.Errorf("tools module: %w", err)
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
