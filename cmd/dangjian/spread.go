package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

func runSpread(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("spread", "[--json] NAME   (e.g. dangjian spread 四下基层)", stderr)
	asJSON := fs.Bool("json", false, "print the spread as one JSON object")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(words) == 0 {
		fs.Usage()
		return &exitError{code: 2, msg: "spread needs the name of an initiative, e.g. dangjian spread 四下基层"}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	res, err := c.Spread(ctx, strings.Join(words, " "))
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	if len(res.Actors) == 0 {
		fmt.Fprintf(stdout, "no initiative named %q\n", res.Name)
		return nil
	}
	fmt.Fprintf(stdout, "%q in %d rows, by first appearance\n\n", res.Name, res.Rows)
	for _, a := range res.Actors {
		first := "?"
		if a.FirstYear != nil {
			first = strconv.Itoa(*a.FirstYear)
		}
		years := make([]string, len(a.Years))
		for i, y := range a.Years {
			years[i] = strconv.Itoa(y)
		}
		fmt.Fprintf(stdout, "%s %s  first: %s [doc %d]  years: %s\n", first, pad(a.Actor, 10), a.First.Title, a.First.ID, strings.Join(years, " "))
	}
	return nil
}
