//go:build unix

package index

import (
	"fmt"
	"os"
	"syscall"
)

// mapFile maps a file into memory read-only. The mapping outlives the file's removal,
// so a search keeps answering from a generation that a later rebuild swept away.
func mapFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() == 0 {
		return []byte{}, nil
	}
	if info.Size() != int64(int(info.Size())) {
		return nil, fmt.Errorf("%s: too large to map", path)
	}
	return syscall.Mmap(int(f.Fd()), 0, int(info.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
}

func unmapFile(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	return syscall.Munmap(b)
}
