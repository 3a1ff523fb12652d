package collection

import (
	"context"
	"fmt"
	"sort"
	"strconv"
)

// TrendResult is the JSON contract of `trend --json` and /api/trend: passages that say what
// was searched, counted by province and year.
type TrendResult struct {
	Query     string     `json:"query"`
	Years     []int      `json:"years"`
	Provinces []TrendRow `json:"provinces"`
	Total     int        `json:"total"`
}

// TrendRow is one province's counts by year ("0" collects passages of unknown year).
type TrendRow struct {
	Province string         `json:"province"`
	Counts   map[string]int `json:"counts"`
	Total    int            `json:"total"`
}

// Trend counts passages by province × year for a query.
func (c *Collection) Trend(ctx context.Context, text string) (*TrendResult, error) {
	q, err := c.ParseQuery(text, SearchOptions{})
	if err != nil {
		return nil, err
	}
	if len(q.Terms) == 0 {
		return nil, fmt.Errorf("trend needs something to look for, e.g. dangjian trend 四不两直")
	}
	ix, release, err := c.acquire()
	if err != nil {
		return nil, err
	}
	defer release()
	counts, err := ix.Trend(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("trend %q: %w", text, err)
	}
	res := &TrendResult{Query: text, Years: []int{}, Provinces: []TrendRow{}}
	years := map[int]bool{}
	for pv, byYear := range counts {
		row := TrendRow{Province: pv, Counts: map[string]int{}}
		for y, n := range byYear {
			years[y] = true
			row.Counts[strconv.Itoa(y)] = n
			row.Total += n
		}
		res.Total += row.Total
		res.Provinces = append(res.Provinces, row)
	}
	for y := range years {
		res.Years = append(res.Years, y)
	}
	sort.Ints(res.Years)
	// Provinces in the gazetteer's standard order, the order of official tables.
	order := map[string]int{}
	for i, pv := range c.gaz().Provinces() {
		order[pv] = i
	}
	sort.Slice(res.Provinces, func(i, j int) bool {
		a, b := res.Provinces[i].Province, res.Provinces[j].Province
		oa, oka := order[a]
		ob, okb := order[b]
		if oka != okb {
			return oka
		}
		if oa != ob {
			return oa < ob
		}
		return a < b
	})
	return res, nil
}
