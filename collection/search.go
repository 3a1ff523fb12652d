package collection

import (
	"context"
	"fmt"
	"strings"

	"github.com/dangjian/dangjian/index"
	"github.com/dangjian/dangjian/query"
)

// SearchOptions are the filters and paging given beside the query text (command-line flags
// or URL parameters); they add to field:value filters written in the query.
type SearchOptions struct {
	Province string
	Year     string
	Source   string
	Limit    int
	Offset   int
}

// SearchResult is the JSON contract of `search --json` and /api/search.
type SearchResult struct {
	Query  string                    `json:"query"`
	Total  int                       `json:"total"`
	Hits   []SearchHit               `json:"hits"`
	Facets map[string]map[string]int `json:"facets"`
}

// SearchHit is one article in a result.
type SearchHit struct {
	ID         int64    `json:"id"`
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Source     string   `json:"source"`
	Published  *string  `json:"published"`
	Year       *int     `json:"year"`
	Score      float64  `json:"score"`
	Provinces  []string `json:"provinces"`
	Snippets   []string `json:"snippets"`
	Duplicates []int64  `json:"duplicates"`
}

// ParseQuery parses query text, merges the options' filters into it and gives provinces
// their canonical short names (湖北省, 湖北 → 湖北), refusing names that are not provinces.
func (c *Collection) ParseQuery(text string, o SearchOptions) (*query.Query, error) {
	q := &query.Query{}
	// Filters alone (a province, a year) are a search too: everything they select.
	if strings.TrimSpace(text) != "" || (o.Province == "" && o.Year == "" && o.Source == "") {
		var err error
		if q, err = query.Parse(text); err != nil {
			return nil, err
		}
	}
	if q.Empty() && o.Province == "" && o.Year == "" && o.Source == "" {
		return nil, fmt.Errorf("query %q has nothing to look for: give a word, a phrase or a filter", text)
	}
	if q.Filters == nil {
		q.Filters = map[string][]string{}
	}
	for _, f := range []struct{ field, value string }{{"province", o.Province}, {"year", o.Year}, {"source", o.Source}} {
		v := strings.TrimSpace(f.value)
		if v == "" {
			continue
		}
		if f.field == "year" {
			if err := query.CheckYear(v); err != nil {
				return nil, err
			}
		}
		// A filter in the query and another in the options would silently select one of
		// them (or both); a reader who sees one must not get the other's results.
		for _, own := range q.Filters[f.field] {
			if !c.sameFilter(f.field, own, v) {
				return nil, fmt.Errorf("the query asks for %s:%s and the filter for %s %s: remove one of them", f.field, own, f.field, v)
			}
		}
		if len(q.Filters[f.field]) == 0 {
			q.Filters[f.field] = []string{v}
		}
	}
	for i, v := range q.Filters["province"] {
		pv, ok := c.gaz().Province(v)
		if !ok {
			return nil, fmt.Errorf("unknown province %q (use a name such as 湖北, 湖北省 or 广西壮族自治区)", v)
		}
		q.Filters["province"][i] = pv
	}
	return q, nil
}

// sameFilter reports whether two values of a filter select the same (湖北省 and 湖北 do).
func (c *Collection) sameFilter(field, a, b string) bool {
	if field == "province" {
		pa, oka := c.gaz().Province(a)
		pb, okb := c.gaz().Province(b)
		return oka && okb && pa == pb
	}
	return strings.TrimSpace(a) == strings.TrimSpace(b)
}

// Search runs a query over the current index.
func (c *Collection) Search(ctx context.Context, text string, o SearchOptions) (*SearchResult, error) {
	q, err := c.ParseQuery(text, o)
	if err != nil {
		return nil, err
	}
	ix, release, err := c.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	res, err := ix.Search(ctx, index.Request{Query: q, Limit: o.Limit, Offset: o.Offset})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	out := &SearchResult{Query: text, Total: res.Total, Facets: res.Facets, Hits: make([]SearchHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		sh := SearchHit{ID: h.DocID, URL: h.URL, Title: h.Title, Source: h.Source, Score: h.Score,
			Provinces: h.Provinces, Snippets: h.Snippets, Duplicates: h.Duplicates}
		if h.Published != "" {
			p := h.Published
			sh.Published = &p
		}
		if h.Year > 0 {
			y := h.Year
			sh.Year = &y
		}
		out.Hits = append(out.Hits, sh)
	}
	return out, nil
}
