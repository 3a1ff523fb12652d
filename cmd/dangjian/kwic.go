package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/collection"
)

func runKWIC(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("kwic", "[--width N] [--sort left|right|date|province] [--province P] [--year Y] [--format csv|xlsx|jsonl] QUERY", stderr)
	var o collection.KWICOptions
	countVar(fs, &o.Width, "width", 20, 1, "characters of context on each side")
	fs.StringVar(&o.Sort, "sort", "", "order lines by the context on the left or right, by date or by province")
	fs.StringVar(&o.Province, "province", "", "only documents where this province says the query")
	fs.StringVar(&o.Year, "year", "", "only documents of this year (or range 2020..2023)")
	format := fs.String("format", "", "write csv, xlsx or jsonl instead of aligned lines")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		fs.Usage()
		return &exitError{code: 2, msg: "kwic needs a query, e.g. dangjian kwic 从严治党"}
	}
	if o.Width < 1 || o.Width > 500 {
		return &exitError{code: 2, msg: fmt.Sprintf("--width %d: want 1 to 500 characters", o.Width)}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	lines, err := c.KWIC(ctx, strings.Join(words, " "), o)
	if err != nil {
		return err
	}
	if *format != "" {
		return collection.WriteKWIC(lines, *format, stdout)
	}
	if len(lines) == 0 {
		fmt.Fprintf(stdout, "no occurrences of %q\n", strings.Join(words, " "))
		return nil
	}
	for _, l := range lines {
		year := "?"
		if l.Year != nil {
			year = strconv.Itoa(*l.Year)
		}
		fmt.Fprintf(stdout, "%s【%s】%s  [doc %d, %s]\n", padLeft(l.Left, 2*o.Width), l.Match, pad(l.Right, 2*o.Width), l.DocID, year)
	}
	fmt.Fprintf(stdout, "\n%d occurrences\n", len(lines))
	return nil
}

// padLeft right-aligns s in width display columns, so that the matches line up.
func padLeft(s string, width int) string {
	cols := displayWidth(s)
	if cols >= width {
		return s
	}
	return strings.Repeat(" ", width-cols) + s
}
