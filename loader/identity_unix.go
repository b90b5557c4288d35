//go:build unix

package loader

import (
	"io/fs"
	"syscall"
)

// identity names the file behind info (device and inode), so that a file or
// directory reached through several paths (symbolic links) is seen once.
func identity(info fs.FileInfo) (fileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true
}
