package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is an interactive terminal, where bars and colour belong.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// meter draws progress: a redrawn bar with rate and ETA on a terminal, and otherwise a
// plain line every few seconds, so logs stay readable.
type meter struct {
	w     io.Writer
	tty   bool
	start time.Time
	last  time.Time
	stage string
	drawn bool
	every time.Duration
}

func newMeter(w io.Writer) *meter {
	return &meter{w: w, tty: isTerminal(w), start: time.Now(), every: 5 * time.Second}
}

// update shows done of total items (bytes processed so far) in a named stage.
func (m *meter) update(stage string, done, total int, bytes int64) {
	now := time.Now()
	if stage != m.stage {
		m.finish()
		m.stage, m.start, m.last = stage, now, time.Time{}
	}
	interval := m.every
	if m.tty {
		interval = 100 * time.Millisecond
	}
	if m.last.IsZero() {
		m.last = now // the first report starts the clock; a line with no rate yet says nothing
	}
	if done < total && now.Sub(m.last) < interval {
		return
	}
	m.last = now
	elapsed := now.Sub(m.start).Seconds()
	rate, mbs := 0.0, 0.0
	if elapsed > 0 {
		rate = float64(done) / elapsed
		mbs = float64(bytes) / 1e6 / elapsed
	}
	eta := "?"
	if rate > 0 && total >= done {
		eta = (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	if !m.tty {
		fmt.Fprintf(m.w, "%s: %d/%d documents, %.1f docs/s, %.2f MB/s, eta %s\n", stage, done, total, rate, mbs, eta)
		return
	}
	const width = 30
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
	fmt.Fprintf(m.w, "\r%-6s %s %d/%d  %.0f docs/s  %.2f MB/s  eta %s\033[K", stage, bar, done, total, rate, mbs, eta)
	m.drawn = true
}

// finish ends the bar's line.
func (m *meter) finish() {
	if m.tty && m.drawn {
		fmt.Fprintln(m.w)
		m.drawn = false
	}
}
