package collection

import (
	"context"

	"github.com/dangjian/dangjian/corpus"
)

// DocView is the JSON contract of `show --json` and /api/docs/{id}.
type DocView struct {
	ID          int64            `json:"id"`
	URL         string           `json:"url"`
	Title       string           `json:"title"`
	Source      string           `json:"source"`
	Published   *string          `json:"published"`
	Year        *int             `json:"year"`
	Charset     string           `json:"charset"`
	Format      string           `json:"format"`
	Text        string           `json:"text"`
	Provinces   []string         `json:"provinces"`
	Initiatives []InitiativeRow  `json:"initiatives"`
	Metrics     []MetricRow      `json:"metrics"`
	Removed     []corpus.Removed `json:"removed"`
}

// Show finds a document by id, URL or imported path and describes it.
func (c *Collection) Show(ctx context.Context, ref string) (*DocView, error) {
	d, err := c.Store.Find(ctx, ref)
	if err != nil {
		return nil, err
	}
	facts, inits, metrics, err := c.Store.Facts(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	v := &DocView{ID: d.ID, URL: d.URL, Title: d.Title, Source: d.Source, Charset: d.Charset, Format: d.Format,
		Text: d.Clean, Provinces: facts.Provinces, Initiatives: []InitiativeRow{}, Metrics: []MetricRow{}, Removed: d.Removed}
	if d.Published != "" {
		p := d.Published
		v.Published = &p
	}
	year := facts.Year
	if year == 0 {
		year = yearOf(d.Published) // not rebuilt yet: the year it was published is the best guess
	}
	v.Year = optYear(year)
	if v.Provinces == nil {
		v.Provinces = []string{}
	}
	for _, r := range inits {
		v.Initiatives = append(v.Initiatives, initiativeRow(r, corpus.ExportRow{}))
	}
	for _, r := range metrics {
		v.Metrics = append(v.Metrics, metricRow(r, corpus.ExportRow{}))
	}
	if v.Removed == nil {
		v.Removed = []corpus.Removed{}
	}
	return v, nil
}
