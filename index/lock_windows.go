//go:build windows

package index

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFileNow takes an exclusive lock on f without waiting; like flock on Unix, Windows
// releases it when the process ends.
func lockFileNow(f *os.File) error {
	var ol windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

func unlockFile(f *os.File) error {
	var ol windows.Overlapped
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}
