package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/collection"
)

func runFacts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("facts", "[--json] [--limit N] QUERY   (e.g. 'kind:initiative name:网格 province:浙江 year:>=2020')", stderr)
	asJSON := fs.Bool("json", false, "print the rows and facets as one JSON object")
	limit := new(int)
	countVar(fs, limit, "limit", collection.DefaultFactsLimit, 1, "how many rows to list")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	res, err := c.Facts(ctx, strings.Join(words, " "), *limit)
	if err != nil {
		return &exitError{code: 2, msg: err.Error()}
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	printFacts(stdout, res)
	return nil
}

// printFacts lists the rows with their evidence, then the totals and facets.
func printFacts(w io.Writer, res *collection.FactsResult) {
	if res.Total == 0 {
		fmt.Fprintf(w, "no initiatives or metrics match %q\n", res.Query)
		return
	}
	for _, r := range res.Rows {
		year := "?"
		if r.Year != nil {
			year = strconv.Itoa(*r.Year)
		}
		item := r.Initiative
		if r.Kind == "metric" {
			approx := ""
			if r.Approx != nil && *r.Approx {
				approx = " (approx.)"
			}
			item = fmt.Sprintf("%s: %s %s%s", r.What, strconv.FormatFloat(*r.Value, 'f', -1, 64), r.Unit, approx)
		}
		fmt.Fprintf(w, "%-10s %s %s  %s\n    %s  [doc %d]\n", r.Kind, pad(r.Actor, 8), year, item, r.Evidence, r.DocID)
	}
	fmt.Fprintf(w, "\n%d of %d rows\n", len(res.Rows), res.Total)
	for _, name := range []string{"province", "year", "actor_kind", "unit"} {
		counts := res.Facets[name]
		if len(counts) == 0 {
			continue
		}
		parts := make([]string, len(counts))
		for i, fc := range counts {
			v := fc.Value
			if v == "" {
				v = "(none)"
			}
			parts[i] = fmt.Sprintf("%s %d", v, fc.Count)
		}
		fmt.Fprintf(w, "%s: %s\n", name, strings.Join(parts, " · "))
	}
}
