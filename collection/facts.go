package collection

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dangjian/dangjian/corpus"
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
	Start      int      `json:"start"`
	End        int      `json:"end"`
}

// DefaultFactsLimit is how many rows facts lists unless told.
const DefaultFactsLimit = 20

// Facts searches the extracted initiatives and metrics with Bleve's query-string syntax
// over their fields: kind, actor, actor_kind, province, year, name, what, value, unit,
// approx, published.
func (c *Collection) Facts(ctx context.Context, q string, limit int) (*FactsResult, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("--limit must be at least 1")
	}
	return c.facts(ctx, q, limit)
}

// facts is Facts with every matching row for limit ≤ 0, for the exports and spread.
func (c *Collection) facts(ctx context.Context, q string, limit int) (*FactsResult, error) {
	ix, release, err := c.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	res, err := ix.Facts(ctx, strings.TrimSpace(q), limit)
	if errors.Is(err, index.ErrBadQuery) {
		return nil, fmt.Errorf("facts: %w (fields: kind, actor, actor_kind, province, year, name, what, value, unit, approx, published; e.g. 'kind:metric unit:人 value:>1000')", err)
	}
	if err != nil {
		return nil, err
	}
	out := &FactsResult{Query: q, Total: res.Total, Rows: []FactRow{}, Facets: res.Facets}
	for _, f := range res.Facts {
		r := FactRow{Kind: f.Kind, Actor: f.Actor, ActorKind: f.ActorKind, Province: f.Province, Year: optYear(f.Year),
			Evidence: f.Evidence, DocID: f.DocID, Title: f.Title, Published: f.Published, URL: f.URL, AlsoIn: f.AlsoIn,
			Start: f.Start, End: f.End}
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

// queriedRows returns the rows of a table that a facts query finds, in the order of the
// export: the same rows `facts` lists for the query, every one of them.
func (c *Collection) queriedRows(ctx context.Context, table string, filter corpus.FactFilter, q string) ([]exportRow, error) {
	kind := strings.TrimSuffix(table, "s")
	full := "+kind:" + kind + " " + q
	if filter.Province != "" {
		full += " +province:" + filter.Province
	}
	if filter.Year != 0 {
		full += " +year:" + strconv.Itoa(filter.Year)
	}
	res, err := c.facts(ctx, full, 0)
	if err != nil {
		return nil, err
	}
	var rows []exportRow
	for _, r := range res.Rows {
		var row exportable
		if r.Kind == "initiative" {
			row = &InitiativeRow{Actor: r.Actor, ActorKind: r.ActorKind, Province: r.Province, Year: r.Year, Initiative: r.Initiative,
				Evidence: r.Evidence, Start: r.Start, End: r.End, DocID: r.DocID, Title: r.Title, Published: r.Published, URL: r.URL, AlsoIn: r.AlsoIn}
		} else {
			row = &MetricRow{Actor: r.Actor, ActorKind: r.ActorKind, Province: r.Province, Year: r.Year, Value: *r.Value, Unit: r.Unit,
				What: r.What, Approx: *r.Approx, Evidence: r.Evidence, Start: r.Start, End: r.End, DocID: r.DocID, Title: r.Title,
				Published: r.Published, URL: r.URL, AlsoIn: r.AlsoIn}
		}
		rows = append(rows, exportRow{row: row, key: r.Province + "\x00" + yearCell(r.Year) + "\x00" + r.Initiative + r.What + "\x00" + r.Actor})
	}
	sort.SliceStable(rows, func(i, j int) bool { return exportOrder(rows[i], rows[j]) })
	return rows, nil
}

// exportOrder sorts rows as the export tables are: by province (central bodies last),
// year, name and actor.
func exportOrder(a, b exportRow) bool {
	pa, pb := strings.HasPrefix(a.key, "\x00"), strings.HasPrefix(b.key, "\x00")
	if pa != pb {
		return !pa
	}
	return a.key < b.key
}
