//go:build !unix

package main

import (
	"io/fs"
	"os"
)

// maxRSS is not reported outside Unix; the bench tables show 0.
func maxRSS(*os.ProcessState) int64 { return 0 }

// allocated falls back to the file's size where block counts are not available.
func allocated(info fs.FileInfo) int64 { return info.Size() }
