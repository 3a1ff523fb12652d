package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// child is what one run of a child process cost.
type child struct {
	wall   time.Duration
	maxRSS int64 // bytes, from the kernel's accounting of the waited-for process
	stdout []byte
}

// measure runs a command to the end and records its wall time and peak resident memory.
func measure(ctx context.Context, env []string, name string, args ...string) (child, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return child{}, fmt.Errorf("%s %s: %w: %s", filepath.Base(name), strings.Join(args, " "), err, tail(errb.String()))
	}
	return child{wall: wall, maxRSS: maxRSS(cmd.ProcessState), stdout: out.Bytes()}, nil
}

// timing is the JSON that the segmenter and FTS5 scripts print.
type timing struct {
	LoadS  float64 `json:"load_s"`
	CutS   float64 `json:"cut_s"`
	Bytes  int64   `json:"bytes"`
	BuildS float64 `json:"build_s"`
	OpenS  float64 `json:"open_s"`
}

func parseTiming(c child) (timing, error) {
	var t timing
	if err := json.Unmarshal(bytes.TrimSpace(c.stdout), &t); err != nil {
		return t, fmt.Errorf("read timing %q: %w", tail(string(c.stdout)), err)
	}
	return t, nil
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 400 {
		s = "…" + s[len(s)-400:]
	}
	return s
}

// diskBytes is the space the files under path take on disk, as du counts it.
func diskBytes(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil {
			n += allocated(info)
		}
		return nil
	})
	return n
}
