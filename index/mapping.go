package index

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

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

// recordStore writes the records of a Bleve index of a new generation (the facts) with
// Bleve's offline builder.
type recordStore struct {
	path    string
	what    string // for errors: "facts"
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

// articleFields is what a record stores for display.
type articleFields struct {
	URL, Title, Published string
	Provinces             []string
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
