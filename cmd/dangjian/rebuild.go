package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dangjian/dangjian/collection"
)

func runRebuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("rebuild", "", stderr)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &exitError{code: 2, msg: "rebuild takes no arguments"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	return rebuild(ctx, c, stdout, stderr)
}

func rebuild(ctx context.Context, c *collection.Collection, stdout, stderr io.Writer) error {
	start := time.Now()
	m := newMeter(stderr)
	meta, err := c.Rebuild(ctx, func(p collection.Progress) { m.update(p.Stage, p.Done, p.Total, p.Bytes) })
	m.finish()
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("rebuild interrupted; the previous index is unchanged")
	}
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "indexed %d documents, %d passages, %.1f MB of text in %.1fs (%.2f MB/s)\n",
		meta.Documents, meta.Passages, float64(meta.TextBytes)/1e6, secs, float64(meta.TextBytes)/1e6/secs)
	return nil
}
