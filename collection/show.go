package collection

import (
	"context"

	"github.com/dangjian/dangjian/corpus"
)

// DocView is the JSON contract of `show --json` and /api/docs/{id}.
type DocView struct {
	ID        int64   `json:"id"`
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Source    string  `json:"source"`
	Published *string `json:"published"`
	Year      *int    `json:"year"`
	// Page and Section place an e-paper article in the printed paper; null and "" otherwise.
	Page      *int     `json:"page"`
	Section   string   `json:"section"`
	Charset   string   `json:"charset"`
	Format    string   `json:"format"`
	Text      string   `json:"text"`
	Provinces []string `json:"provinces"`
	// Subject is the one actor the document reports on, to whom its sentences
	// without a subject of their own are credited; null for a review of many.
	Subject     *Subject         `json:"subject"`
	Initiatives []InitiativeRow  `json:"initiatives"`
	Metrics     []MetricRow      `json:"metrics"`
	Removed     []corpus.Removed `json:"removed"`
	// Duplicates are the other members of the document's near-duplicate group.
	Duplicates []Duplicate `json:"duplicates"`
	// Canonical is the id of the group's canonical member (the document itself when it has no copies).
	Canonical int64 `json:"canonical"`
}

// Subject is a document's own actor and where extraction found it.
type Subject struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Province string `json:"province"`
	// Why is "title", "lead", "subjects" (nearly every clause names it) or "dateline".
	Why string `json:"why"`
}

// Duplicate is another copy of a report.
type Duplicate struct {
	ID         int64   `json:"id"`
	Title      string  `json:"title"`
	URL        string  `json:"url"`
	Published  string  `json:"published"`
	Similarity float64 `json:"similarity"` // to the group's canonical
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
	if d.Page > 0 {
		page := d.Page
		v.Page, v.Section = &page, d.Section
	}
	if v.Provinces == nil {
		v.Provinces = []string{}
	}
	v.Canonical = facts.Group
	if v.Canonical == 0 {
		v.Canonical = d.ID
	}
	members, err := c.Store.GroupOf(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	v.Duplicates = duplicates(members)
	// The subject is the rebuild's, stored with the document's facts like its rows.
	if facts.SubjectWhy != "" {
		v.Subject = &Subject{Name: facts.Subject, Kind: facts.SubjectKind, Province: facts.SubjectProvince, Why: facts.SubjectWhy}
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

func duplicates(members []corpus.GroupMember) []Duplicate {
	out := make([]Duplicate, 0, len(members))
	for _, m := range members {
		out = append(out, Duplicate{ID: m.DocID, Title: m.Title, URL: m.URL, Published: m.Published, Similarity: m.Similarity})
	}
	return out
}

// DupGroup is a near-duplicate group for review: the canonical member first.
type DupGroup struct {
	Canonical int64       `json:"canonical"`
	Members   []Duplicate `json:"members"`
}

// Dups lists the near-duplicate groups found by the last rebuild.
func (c *Collection) Dups(ctx context.Context) ([]DupGroup, error) {
	out := []DupGroup{}
	err := c.Store.Groups(ctx, func(canonical int64, members []corpus.GroupMember) error {
		out = append(out, DupGroup{Canonical: canonical, Members: duplicates(members)})
		return nil
	})
	return out, err
}
