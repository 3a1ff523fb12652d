package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of an article record in Bleve.
const (
	fieldDoc       = "doc"
	fieldTitle     = "title"
	fieldURL       = "url"
	fieldSource    = "source"
	fieldYear      = "year"
	fieldPublished = "published"
	fieldProvince  = "province"
)

// newMapping describes the article records: what a hit shows, stored; source, year and
// province also indexed as keywords, so the records can be queried by those on their own.
// Matching and ranking use the text index, which is why no text is analysed here.
func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	dm := bleve.NewDocumentStaticMapping()
	for _, name := range []string{fieldSource, fieldYear, fieldProvince} {
		dm.AddFieldMappingsAt(name, keywordField(false))
	}
	for _, name := range []string{fieldDoc, fieldTitle, fieldURL, fieldPublished} {
		dm.AddFieldMappingsAt(name, storedField())
	}
	im.DefaultMapping = dm
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

func articleID(id int64) string { return "d" + strconv.FormatInt(id, 10) }

// keywordField is a stored keyword field, kept out of _all; docValues for a facet.
func keywordField(docValues bool) *mapping.FieldMapping {
	f := bleve.NewKeywordFieldMapping()
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

// storedField is shown, never searched.
func storedField() *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Index = false
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// recordStore writes the records of one Bleve index of a new generation (the article
// records, the facts) with Bleve's offline builder.
type recordStore struct {
	path    string
	what    string // for errors: "article records", "facts"
	mapping func() (mapping.IndexMapping, error)
	b       bleve.Builder
	count   int
}

func newRecordStore(path, what string, m func() (mapping.IndexMapping, error)) (*recordStore, error) {
	im, err := m()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewBuilder(path, im, map[string]interface{}{
		// Keep the builder's scratch files inside the build directory, so a killed rebuild
		// leaves nothing outside the data directory and the next rebuild sweeps it away.
		"buildPathPrefix": filepath.Dir(path),
		"batchSize":       5000,
	})
	if err != nil {
		return nil, fmt.Errorf("index: start %s: %w", what, err)
	}
	return &recordStore{path: path, what: what, mapping: m, b: b}, nil
}

func (s *recordStore) put(id string, fields map[string]interface{}) error {
	if err := s.b.Index(id, fields); err != nil {
		return fmt.Errorf("index: add to %s: %w", s.what, err)
	}
	s.count++
	return nil
}

// close writes the records. Bleve's offline builder cannot finish an index without
// documents, so an empty one is made the ordinary way.
func (s *recordStore) close() error {
	if s.b == nil {
		return nil
	}
	b := s.b
	s.b = nil
	if s.count > 0 {
		if err := b.Close(); err != nil {
			return fmt.Errorf("index: write %s: %w", s.what, err)
		}
		return nil
	}
	if err := os.RemoveAll(s.path); err != nil {
		return err
	}
	im, err := s.mapping()
	if err != nil {
		return err
	}
	bi, err := bleve.New(s.path, im)
	if err != nil {
		return fmt.Errorf("index: write %s: %w", s.what, err)
	}
	return bi.Close()
}

// abort drops the builder without closing it: closing merges the segments written so far,
// work that is thrown away with the directory.
func (s *recordStore) abort() { s.b = nil }

// articleStore writes the article records of a new generation.
type articleStore struct{ *recordStore }

func newArticleStore(path string) (*articleStore, error) {
	rs, err := newRecordStore(path, "article records", func() (mapping.IndexMapping, error) { return newMapping(), nil })
	if err != nil {
		return nil, err
	}
	return &articleStore{rs}, nil
}

func (s *articleStore) add(a *Article) error {
	fields := map[string]interface{}{
		fieldDoc:       strconv.FormatInt(a.DocID, 10),
		fieldTitle:     a.Title,
		fieldURL:       a.URL,
		fieldSource:    a.Source,
		fieldPublished: a.Published,
	}
	if a.Year > 0 {
		fields[fieldYear] = strconv.Itoa(a.Year)
	}
	if len(a.Provinces) > 0 {
		fields[fieldProvince] = a.Provinces
	}
	if err := s.put(articleID(a.DocID), fields); err != nil {
		return fmt.Errorf("article %d: %w", a.DocID, err)
	}
	return nil
}

// articleFields is what an article record stores for display.
type articleFields struct {
	URL, Title, Published string
	Provinces             []string
}

// loadArticles reads the records of the given articles.
func (ix *Index) loadArticles(ctx context.Context, ids []int64) (map[int64]articleFields, error) {
	out := make(map[int64]articleFields, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = articleID(id)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(keys), len(keys), 0, false)
	req.Fields = []string{fieldDoc, fieldURL, fieldTitle, fieldPublished, fieldProvince}
	res, err := ix.articles.SearchInContext(ctx, req)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("index: load articles: %w", err)
	}
	for _, h := range res.Hits {
		id, _ := strconv.ParseInt(str(h.Fields, fieldDoc), 10, 64)
		out[id] = articleFields{URL: str(h.Fields, fieldURL), Title: str(h.Fields, fieldTitle),
			Published: str(h.Fields, fieldPublished), Provinces: strs(h.Fields, fieldProvince)}
	}
	return out, nil
}

func str(fields map[string]interface{}, name string) string {
	s, _ := fields[name].(string)
	return s
}

func strs(fields map[string]interface{}, name string) []string {
	switch v := fields[name].(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
