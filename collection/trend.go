package collection

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/dangjian/dangjian/chart"
)

// TrendResult is the JSON contract of `trend --json` and /api/trend: passages that say what
// was searched, counted by province and year.
type TrendResult struct {
	Query     string     `json:"query"`
	Years     []int      `json:"years"`
	Provinces []TrendRow `json:"provinces"`
	Total     int        `json:"total"`
	// PerMillion is set when the rows carry rates per million characters (--per-million).
	PerMillion bool `json:"per_million,omitempty"`
}

// TrendRow is one province's counts by year ("0" collects passages of unknown year).
type TrendRow struct {
	Province string         `json:"province"`
	Counts   map[string]int `json:"counts"`
	Total    int            `json:"total"`
	// With --per-million: Chars are the characters of the passages attributed to the
	// province in each year (the denominators, every year with text, also those without a
	// match), and Rates the counts per million of them. A year without text has neither:
	// a gap, not a zero.
	Chars map[string]int     `json:"chars,omitempty"`
	Rates map[string]float64 `json:"per_million,omitempty"`
}

// Trend counts passages by province × year for a query.
func (c *Collection) Trend(ctx context.Context, text string) (*TrendResult, error) {
	return c.TrendWith(ctx, text, false)
}

// TrendWith is Trend, with rates per million characters of each province's text in each
// year when perMillion is set.
func (c *Collection) TrendWith(ctx context.Context, text string, perMillion bool) (*TrendResult, error) {
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
	if perMillion {
		base, err := ix.TrendBase()
		if err != nil {
			return nil, err
		}
		res.PerMillion = true
		for i := range res.Provinces {
			row := &res.Provinces[i]
			row.Chars, row.Rates = map[string]int{}, map[string]float64{}
			for y, chars := range base[row.Province] {
				years[y] = true
				key := strconv.Itoa(y)
				row.Chars[key] = chars
				row.Rates[key] = float64(row.Counts[key]) * 1e6 / float64(chars)
			}
		}
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

// Chart draws the trend as an SVG line chart of the provinces with the most passages:
// counts, zero in a year without a match, or with PerMillion the rates, missing (the line
// breaks) where the province has no text that year. The unknown year has no place on the
// time axis.
func (r *TrendResult) Chart() []byte {
	title := fmt.Sprintf("passages saying %q, by year", r.Query)
	if r.PerMillion {
		title = fmt.Sprintf("passages saying %q per million characters, by year", r.Query)
	}
	var years []int
	for _, y := range r.Years {
		if y != 0 {
			years = append(years, y)
		}
	}
	rows := append([]TrendRow(nil), r.Provinces...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Total > rows[j].Total })
	var series []chart.Series
	for _, row := range rows {
		s := chart.Series{Label: row.Province, Values: map[int]float64{}}
		for _, y := range years {
			key := strconv.Itoa(y)
			if r.PerMillion {
				if rate, ok := row.Rates[key]; ok {
					s.Values[y] = rate
				}
				continue
			}
			s.Values[y] = float64(row.Counts[key])
		}
		series = append(series, s)
	}
	return chart.Lines(title, years, series)
}
