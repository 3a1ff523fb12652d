package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"

	"github.com/dangjian/dangjian/collection"
)

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("search", "[--province P] [--year Y] [--source S] [--limit N] [--json | --format csv|jsonl|xlsx [-o FILE]] QUERY", stderr)
	var o collection.SearchOptions
	fs.StringVar(&o.Province, "province", "", "only passages attributed to this province (湖北, 湖北省 …)")
	fs.StringVar(&o.Year, "year", "", "only this year (2023) or range (2020..2023)")
	fs.StringVar(&o.Source, "source", "", "only this source (人民日报, 新华网 …)")
	countVar(fs, &o.Limit, "limit", 10, 1, "hits to show")
	countVar(fs, &o.Offset, "offset", 0, 0, "hits to skip (for paging)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	format := fs.String("format", "", "export the hits as csv, jsonl or xlsx: all of them unless --limit is given")
	out := fs.String("o", "", "with --format: write to this file (the format defaults to its extension)")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	limitSet := false
	fs.Visit(func(f *flag.Flag) { limitSet = limitSet || f.Name == "limit" })
	text := strings.Join(words, " ")
	if strings.TrimSpace(text) == "" && o.Province == "" && o.Year == "" && o.Source == "" {
		fs.Usage()
		return &exitError{code: 2, msg: "search needs a query, e.g. dangjian search 四不两直"}
	}
	if *format != "" && *asJSON {
		return &exitError{code: 2, msg: "--json prints the result object; --format exports the hits: give one"}
	}
	if *format != "" || *out != "" {
		if *format, err = exportFormat(*format, *out); err != nil {
			return err
		}
	}
	c, err := openExisting(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()
	noteUnindexed(ctx, c, stderr)
	if *format != "" {
		if !limitSet {
			o.Limit = 0 // every hit
		}
		export := func(w io.Writer) error { return c.ExportHits(ctx, text, o, *format, w) }
		if *out == "" {
			return export(stdout)
		}
		return writeAtomically(*out, export)
	}
	res, err := c.Search(ctx, text, o)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, res)
	}
	printHits(stdout, res, o.Offset, isTerminal(stdout))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printHits writes one block per hit: title, source · date · id · url, then the context
// lines with the matches in colour on a terminal or between brackets otherwise.
func printHits(w io.Writer, res *collection.SearchResult, offset int, colour bool) {
	if res.Total == 0 {
		fmt.Fprintf(w, "no hits for %q\n", res.Query)
		return
	}
	fmt.Fprintf(w, "%d hits for %q\n", res.Total, res.Query)
	for i, h := range res.Hits {
		title := h.Title
		if title == "" {
			title = "(untitled)"
		}
		if colour {
			title = "\033[1m" + title + "\033[0m"
		}
		fmt.Fprintf(w, "\n[%d] %s\n", offset+i+1, title)
		var meta []string
		if h.Source != "" {
			meta = append(meta, h.Source)
		}
		if h.Published != nil {
			meta = append(meta, *h.Published)
		}
		meta = append(meta, fmt.Sprintf("id %d", h.ID))
		if n := len(h.Provinces); n > 0 {
			const shown = 5
			pv := strings.Join(h.Provinces[:min(n, shown)], "、")
			if n > shown {
				pv += fmt.Sprintf(" +%d", n-shown)
			}
			meta = append(meta, pv)
		}
		fmt.Fprintf(w, "    %s\n    %s\n", strings.Join(meta, " · "), h.URL)
		if len(h.Duplicates) > 0 {
			ids := make([]string, len(h.Duplicates))
			for i, id := range h.Duplicates {
				ids[i] = fmt.Sprint(id)
			}
			fmt.Fprintf(w, "    reprinted as id %s (dangjian dups lists the groups)\n", strings.Join(ids, ", "))
		}
		for _, s := range h.Snippets {
			fmt.Fprintf(w, "    %s\n", terminalSnippet(s, colour))
		}
	}
	if shown := offset + len(res.Hits); shown < res.Total {
		fmt.Fprintf(w, "\n(showing %d–%d of %d; use --offset %d for more)\n", offset+1, shown, res.Total, shown)
	}
	fmt.Fprintln(w)
	for _, name := range []string{"province", "year", "source"} {
		if f := res.Facets[name]; len(f) > 0 {
			fmt.Fprintf(w, "%-8s %s\n", name+":", facetLine(f, name == "year"))
		}
	}
}

// terminalSnippet turns an HTML snippet into terminal text.
func terminalSnippet(s string, colour bool) string {
	open, close := "[", "]"
	if colour {
		open, close = "\033[1;33m", "\033[0m"
	}
	s = strings.ReplaceAll(s, "<mark>", open)
	s = strings.ReplaceAll(s, "</mark>", close)
	return html.UnescapeString(s)
}

// facetLine lists facet values by count, largest first; years newest first, as a reader
// scans a time line ("0" is the unknown year, last).
func facetLine(f map[string]int, byYear bool) string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if byYear {
			return keys[i] != "0" && (keys[j] == "0" || keys[i] > keys[j])
		}
		if f[keys[i]] != f[keys[j]] {
			return f[keys[i]] > f[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, f[k])
	}
	return strings.Join(parts, " · ")
}
