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
	Initiatives []any            `json:"initiatives"`
	Metrics     []any            `json:"metrics"`
	Removed     []corpus.Removed `json:"removed"`
}

// Show finds a document by id, URL or imported path and describes it.
func (c *Collection) Show(ctx context.Context, ref string) (*DocView, error) {
	d, err := c.Store.Find(ctx, ref)
	if err != nil {
		return nil, err
	}
	v := &DocView{ID: d.ID, URL: d.URL, Title: d.Title, Source: d.Source, Charset: d.Charset, Format: d.Format,
		Text: d.Clean, Initiatives: []any{}, Metrics: []any{}, Removed: d.Removed}
	if d.Published != "" {
		p := d.Published
		v.Published = &p
	}
	if y := yearOf(d.Published); y > 0 {
		v.Year = &y
	}
	if v.Removed == nil {
		v.Removed = []corpus.Removed{}
	}
	return v, nil
}
