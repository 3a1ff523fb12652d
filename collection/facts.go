package collection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dangjian/dangjian/index"
)

// FactsResult is the JSON contract of `facts --json` and /api/facts.
type FactsResult struct {
	Query  string                        `json:"query"`
	Total  uint64                        `json:"total"`
	Rows   []FactRow                     `json:"rows"`
	Facets map[string][]index.FacetCount `json:"facets"`
}

// FactRow is a row of either table, with the columns of its export and its kind.
type FactRow struct {
	Kind       string   `json:"kind"` // initiative or metric
	Actor      string   `json:"actor"`
	ActorKind  string   `json:"actor_kind"`
	Province   string   `json:"province"`
	Year       *int     `json:"year"`
	Initiative string   `json:"initiative,omitempty"`
	Value      *float64 `json:"value,omitempty"`
	Unit       string   `json:"unit,omitempty"`
	What       string   `json:"what,omitempty"`
	Approx     *bool    `json:"approx,omitempty"`
	Evidence   string   `json:"evidence"`
	DocID      int64    `json:"doc"`
	Title      string   `json:"title,omitempty"`
	Published  string   `json:"published,omitempty"`
	URL        string   `json:"url,omitempty"`
	AlsoIn     []string `json:"also_in,omitempty"`
}

// DefaultFactsLimit is how many rows facts lists unless told.
const DefaultFactsLimit = 20

// Facts searches the extracted initiatives and metrics with Bleve's query-string syntax
// over their fields: kind, actor, actor_kind, province, year, name, what, value, unit,
// approx, evidence, published.
func (c *Collection) Facts(ctx context.Context, q string, limit int) (*FactsResult, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("--limit must be at least 1")
	}
	ix, release, err := c.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	res, err := ix.Facts(ctx, strings.TrimSpace(q), limit)
	if errors.Is(err, index.ErrBadQuery) {
		return nil, fmt.Errorf("facts: %v (fields: kind, actor, actor_kind, province, year, name, what, value, unit, approx, evidence; e.g. 'kind:metric unit:人 value:>1000')", err)
	}
	if err != nil {
		return nil, err
	}
	out := &FactsResult{Query: q, Total: res.Total, Rows: []FactRow{}, Facets: res.Facets}
	for _, f := range res.Facts {
		r := FactRow{Kind: f.Kind, Actor: f.Actor, ActorKind: f.ActorKind, Province: f.Province, Year: optYear(f.Year),
			Evidence: f.Evidence, DocID: f.DocID, Title: f.Title, Published: f.Published, URL: f.URL, AlsoIn: f.AlsoIn}
		if f.Kind == "initiative" {
			r.Initiative = f.Name
		} else {
			v, a := f.Value, f.Approx
			r.Value, r.Unit, r.What, r.Approx = &v, f.Unit, f.What, &a
		}
		out.Rows = append(out.Rows, r)
	}
	return out, nil
}
