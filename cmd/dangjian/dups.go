package main

import (
	"context"
	"fmt"
	"io"

	"github.com/dangjian/dangjian/dedup"
)

func runDups(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("dups", "[--json]", stderr)
	asJSON := fs.Bool("json", false, "print the groups as JSON")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &exitError{code: 2, msg: "dups takes no arguments"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	groups, err := c.Dups(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, groups)
	}
	if len(groups) == 0 {
		fmt.Fprintln(stdout, "no near-duplicate groups")
		return nil
	}
	for i, g := range groups {
		fmt.Fprintf(stdout, "group %d (canonical id %d, %d copies)\n", i+1, g.Canonical, len(g.Members))
		for _, m := range g.Members {
			mark := "  "
			if m.ID == g.Canonical {
				mark = "* "
			}
			fmt.Fprintf(stdout, "  %s%5d  %.2f  %s  %s  %s\n", mark, m.ID, m.Similarity, orDash(m.Published), orDash(m.Title), m.URL)
		}
	}
	fmt.Fprintf(stdout, "\n%d groups; * marks the canonical copy, counted once in search, trend and export;\nsimilarity is the share of the smaller text found in the other (threshold %.2f)\n", len(groups), dedup.DefaultThreshold)
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
