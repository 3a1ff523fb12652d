package collection

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/hanzi"
)

// Province returns the canonical short name of a province given by any of its names
// (湖北省, 湖北, 廣西 → 广西), so callers can refuse unknown names before doing any work.
func (c *Collection) Province(name string) (string, bool) {
	return c.gaz().Province(hanzi.Fold(strings.TrimSpace(name)))
}

// Provinces lists the provincial-level units in the order of official tables.
func (c *Collection) Provinces() []string { return c.gaz().Provinces() }

// Mention is a name of an actor (province, lower-level place or central body) standing in a
// text at rune offsets [Start, End).
type Mention struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Province string `json:"province"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Mentions finds the names of actors in a document's text, for marking them when the text
// is shown. Traditional characters are found too; offsets are runes of text as given.
func (c *Collection) Mentions(text string) []Mention {
	var out []Mention
	for _, m := range c.gaz().Find(hanzi.Fold(text)) {
		if m.Province == "" && len(m.Candidates) > 0 {
			continue // an ambiguous place the text does not resolve
		}
		out = append(out, Mention{Name: m.Name, Kind: string(m.Kind), Province: m.Province, Start: m.Start, End: m.End})
	}
	return out
}

// FactCount is how many initiatives and metrics were extracted for one province ("" for
// central bodies).
type FactCount struct {
	Province    string `json:"province"`
	Initiatives int    `json:"initiatives"`
	Metrics     int    `json:"metrics"`
}

// FactCountsFor counts by province the rows a facts query finds, like FactCounts; an
// empty query counts them all.
func (c *Collection) FactCountsFor(ctx context.Context, q string) ([]FactCount, error) {
	if strings.TrimSpace(q) == "" {
		return c.FactCounts(ctx)
	}
	byProvince := map[string]*FactCount{}
	for _, kind := range []string{"initiative", "metric"} {
		res, err := c.Facts(ctx, "+kind:"+kind+" "+q, 1)
		if err != nil {
			return nil, err
		}
		for _, fc := range res.Facets["province"] {
			if byProvince[fc.Value] == nil {
				byProvince[fc.Value] = &FactCount{Province: fc.Value}
			}
			if kind == "initiative" {
				byProvince[fc.Value].Initiatives = fc.Count
			} else {
				byProvince[fc.Value].Metrics = fc.Count
			}
		}
	}
	return c.inOfficialOrder(byProvince), nil
}

// FactCounts counts the extracted rows (reprints once) by province, provinces in the order of official
// tables and central bodies last. Before the first rebuild it returns corpus.ErrNoFacts.
func (c *Collection) FactCounts(ctx context.Context) ([]FactCount, error) {
	byProvince := map[string]*FactCount{}
	get := func(pv string) *FactCount {
		if byProvince[pv] == nil {
			byProvince[pv] = &FactCount{Province: pv}
		}
		return byProvince[pv]
	}
	// Rows as the export has them, reprints once, so that a count is what a click lists.
	for _, table := range ExportTables {
		rows, err := tableRows(ctx, c.Store, table, corpus.FactFilter{})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			switch x := r.row.(type) {
			case *InitiativeRow:
				get(x.Province).Initiatives++
			case *MetricRow:
				get(x.Province).Metrics++
			}
		}
	}
	return c.inOfficialOrder(byProvince), nil
}

// inOfficialOrder lists counts with provinces in the order of official tables and central
// bodies last.
func (c *Collection) inOfficialOrder(byProvince map[string]*FactCount) []FactCount {
	var out []FactCount
	for _, pv := range append(c.Provinces(), "") {
		if fc := byProvince[pv]; fc != nil {
			out = append(out, *fc)
			delete(byProvince, pv)
		}
	}
	for _, fc := range byProvince { // a province the gazetteer no longer knows; keep it visible
		out = append(out, *fc)
	}
	return out
}

// Tables is a page of the initiatives and metrics tables, the rows export writes.
type Tables struct {
	Initiatives     []InitiativeRow `json:"initiatives"`
	Metrics         []MetricRow     `json:"metrics"`
	InitiativeTotal int             `json:"initiative_total"`
	MetricTotal     int             `json:"metric_total"`
}

// ErrUnknownProvince is wrapped by errors about a province name no table knows.
var ErrUnknownProvince = errors.New("unknown province")

// Tables lists up to limit rows of each table selected by o (its Format is ignored), in
// export order, and counts all rows selected: the rows the export of o writes.
func (c *Collection) Tables(ctx context.Context, o ExportOptions, limit int) (*Tables, error) {
	filter := corpus.FactFilter{Year: o.Year}
	if o.Province != "" {
		pv, ok := c.Province(o.Province)
		if !ok {
			return nil, fmt.Errorf("%w %q (use a name such as 湖北 or 广西壮族自治区)", ErrUnknownProvince, o.Province)
		}
		filter.Province = pv
	}
	t := &Tables{Initiatives: []InitiativeRow{}, Metrics: []MetricRow{}}
	// The rows are the export's, reprints once, so that a page and its download agree.
	for _, table := range ExportTables {
		rows, err := c.exportRows(ctx, table, filter, o.Query)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			switch x := r.row.(type) {
			case *InitiativeRow:
				if t.InitiativeTotal++; len(t.Initiatives) < limit {
					t.Initiatives = append(t.Initiatives, *x)
				}
			case *MetricRow:
				if t.MetricTotal++; len(t.Metrics) < limit {
					t.Metrics = append(t.Metrics, *x)
				}
			}
		}
	}
	return t, nil
}
