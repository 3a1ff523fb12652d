//go:build !unix

package index

import "os"

// mapFile reads a file whole where memory mapping is not available.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }

func unmapFile([]byte) error { return nil }
