package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dangjian/dangjian/collection"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("export", "initiatives|metrics [--by initiative] [--province P] [--year Y] [--q QUERY] [--format csv|jsonl|xlsx] [-o FILE]", stderr)
	var o collection.ExportOptions
	fs.StringVar(&o.Province, "province", "", "only rows of this province")
	fs.StringVar(&o.Query, "q", "", "only the rows this facts query finds (see dangjian facts)")
	fs.IntVar(&o.Year, "year", 0, "only rows of this year")
	fs.StringVar(&o.By, "by", collection.ByMention, "initiatives: one row per mention, or per actor and initiative (initiative)")
	fs.StringVar(&o.Format, "format", "", "csv, jsonl or xlsx (default: from -o's extension, else csv)")
	out := fs.String("o", "", "write to this file instead of standard output")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return &exitError{code: 2, msg: "export needs one table: initiatives or metrics"}
	}
	if o.Format == "" {
		o.Format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if o.Format == "" {
			o.Format = "csv"
		}
	}
	if o.Format == "xlsx" && *out == "" {
		return &exitError{code: 2, msg: "an xlsx export needs -o FILE (it is not text for a terminal)"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	if *out == "" {
		return c.Export(ctx, rest[0], o, stdout)
	}
	return writeAtomically(*out, func(w io.Writer) error { return c.Export(ctx, rest[0], o, w) })
}

// writeAtomically writes a file through a temporary neighbour and renames it into place,
// so a failed export never leaves a truncated file where a good one was.
func writeAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
