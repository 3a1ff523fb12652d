package collection

import (
	"context"
	"html"
	"io"
	"strconv"
	"strings"
)

// hitColumns are the columns of `search --format`: one row per article found.
var hitColumns = []string{"id", "title", "source", "published", "year", "url", "provinces", "snippet", "duplicates"}

// HitRow is an exported search hit: the article and its passages in plain text, the
// matches between [ and ].
type HitRow struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	Source     string   `json:"source"`
	Published  string   `json:"published"`
	Year       *int     `json:"year"`
	URL        string   `json:"url"`
	Provinces  []string `json:"provinces"`
	Snippet    string   `json:"snippet"`
	Duplicates []int64  `json:"duplicates"`
}

func (r HitRow) cells() []string {
	dups := make([]string, len(r.Duplicates))
	for i, d := range r.Duplicates {
		dups[i] = strconv.FormatInt(d, 10)
	}
	return []string{strconv.FormatInt(r.ID, 10), r.Title, r.Source, r.Published, yearCell(r.Year), r.URL,
		strings.Join(r.Provinces, "、"), r.Snippet, strings.Join(dups, " ")}
}

// plainSnippet turns a result snippet (HTML-escaped, matches in <mark>) into text.
func plainSnippet(s string) string {
	s = strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(s)
	return html.UnescapeString(s)
}

// hitPage is how many hits an export asks the index for at a time.
const hitPage = 500

// ExportHits writes the hits of a search as csv, jsonl or xlsx: all of them from
// o.Offset on, or o.Limit of them when it is set.
func (c *Collection) ExportHits(ctx context.Context, text string, o SearchOptions, format string, w io.Writer) error {
	var rows []HitRow
	want := o.Limit
	for {
		page := o
		page.Limit = hitPage
		if want > 0 {
			page.Limit = min(hitPage, want-len(rows))
		}
		res, err := c.Search(ctx, text, page)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			r := HitRow{ID: h.ID, Title: h.Title, Source: h.Source, Year: h.Year, URL: h.URL, Provinces: h.Provinces, Duplicates: h.Duplicates}
			if h.Published != nil {
				r.Published = *h.Published
			}
			var snips []string
			for _, s := range h.Snippets {
				snips = append(snips, plainSnippet(s))
			}
			r.Snippet = strings.Join(snips, " … ")
			rows = append(rows, r)
		}
		o.Offset += len(res.Hits)
		if len(res.Hits) == 0 || o.Offset >= res.Total || (want > 0 && len(rows) >= want) {
			break
		}
	}
	sink, err := newSink(format, "hits", hitColumns, w)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := sink.row(r, r.cells()); err != nil {
			return err
		}
	}
	return sink.close()
}
