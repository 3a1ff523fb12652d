//go:build unix

package index

import (
	"os"
	"syscall"
)

// lockFileNow takes an exclusive lock on f without waiting. flock locks die with the
// process, so a killed rebuild never leaves the directory locked.
func lockFileNow(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
