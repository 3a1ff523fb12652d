package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/sample"
)

// demoQueries show what a newcomer should see: a domain term that the segmenter would
// split, a traditional-character query that finds simplified text, and a filtered query.
var demoQueries = []struct {
	query string
	opts  collection.SearchOptions
	note  string
}{
	{"四不两直", collection.SearchOptions{Limit: 3}, "a four-character term, matched wherever its characters stand"},
	{"黨建 述職", collection.SearchOptions{Limit: 3}, "traditional characters find simplified text, and back"},
	{"双融双强", collection.SearchOptions{Limit: 3, Year: "2024"}, "a named initiative, only in 2024"},
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _ := newFlags("demo", "[--data DIR]", stderr)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &exitError{code: 2, msg: "demo takes no arguments"}
	}
	dir, err := os.MkdirTemp("", "dangjian-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	data, files := filepath.Join(dir, "data"), filepath.Join(dir, "sample")
	n, err := writeSample(files)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "== 1. import: %d bundled sample files (HTML in GBK, Big5 and UTF-8; plain text) from %s\n\n", n, files)
	c, err := collection.Open(ctx, data)
	if err != nil {
		return err
	}
	defer c.Close()
	sum, err := c.Import(ctx, []string{files}, func(ev collection.ImportEvent) {
		if ev.Outcome == collection.Refused {
			fmt.Fprintf(stdout, "  refused %s: %s\n", ev.Path, ev.Reason)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "  %d added, %d skipped (duplicate), %d refused\n\n== 2. rebuild the index\n\n", sum.Added, sum.Skipped, sum.Refused)
	if err := rebuild(ctx, c, stdout, stderr); err != nil {
		return err
	}
	for i, q := range demoQueries {
		fmt.Fprintf(stdout, "\n== %d. search %q — %s\n\n", i+3, q.query, q.note)
		res, err := c.Search(ctx, q.query, q.opts)
		if err != nil {
			return err
		}
		printHits(stdout, res, 0, isTerminal(stdout))
	}
	fmt.Fprintf(stdout, "\nThe demo's data directory is kept: try\n  go run ./cmd/dangjian search --data %s 述职评议考核\n  go run ./cmd/dangjian show --data %s 1\n", data, data)
	return nil
}

// writeSample copies the sample site's article pages and text reports into dir.
func writeSample(dir string) (int, error) {
	site := sample.Site()
	n := 0
	for _, a := range append(sample.Articles(), sample.Reports()...) {
		raw, err := fs.ReadFile(site, a.Path)
		if err != nil {
			return n, fmt.Errorf("demo: read bundled %s: %w", a.Path, err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(a.Path))
		if filepath.Ext(dst) == ".shtml" {
			dst = dst[:len(dst)-len(".shtml")] + ".html"
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return n, fmt.Errorf("demo: %w", err)
		}
		if err := os.WriteFile(dst, raw, 0o644); err != nil {
			return n, fmt.Errorf("demo: %w", err)
		}
		n++
	}
	return n, nil
}
