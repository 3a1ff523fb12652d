// Package collection is a researcher's collection: the corpus database and the search index
// in one data directory, with the operations that the command line and the web server share.
package collection

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/extract"
	"github.com/dangjian/dangjian/gazetteer"
	"github.com/dangjian/dangjian/index"
	"github.com/dangjian/dangjian/segment"
)

// Collection is an open data directory.
type Collection struct {
	Dir   string
	Store *corpus.Store

	seg *segment.Segmenter // loads its dictionary on first use, so searches never pay for it
	// The gazetteer takes tens of milliseconds to build; a search that names no province
	// does not need it, so it is built on first use too.
	gaz func() *gazetteer.Gazetteer
	ext func() *extract.Extractor

	mu      sync.Mutex
	ix      *index.Index   // the generation searches use
	ixDir   string         // its directory, to notice a rebuild
	retired []*index.Index // earlier generations still open for searches in flight
}

// Open opens (creating if needed) the data directory dir.
func Open(ctx context.Context, dir string) (*Collection, error) {
	store, err := corpus.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	gaz := sync.OnceValue(gazetteer.New)
	ext := sync.OnceValue(func() *extract.Extractor { return extract.New(gaz()) })
	return &Collection{Dir: dir, Store: store, seg: segment.New(), gaz: gaz, ext: ext}, nil
}

// Close releases the database and the index.
func (c *Collection) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ix := range append(c.retired, c.ix) {
		if ix != nil {
			ix.Close()
		}
	}
	c.ix, c.retired = nil, nil
	return c.Store.Close()
}

func (c *Collection) indexRoot() string { return filepath.Join(c.Dir, "index") }

// Index returns the current index generation, opening it again when a rebuild has swapped
// in a new one since the last call.
func (c *Collection) Index() (*index.Index, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dir, err := index.CurrentDir(c.indexRoot())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.Dir, err)
	}
	if c.ix != nil && dir == c.ixDir {
		return c.ix, nil
	}
	ix, err := index.Open(c.indexRoot())
	if err != nil {
		return nil, err
	}
	if c.ix != nil {
		// A search may still be reading the old generation; close only the one before it.
		if len(c.retired) > 0 {
			c.retired[0].Close()
			c.retired = c.retired[1:]
		}
		c.retired = append(c.retired, c.ix)
	}
	c.ix, c.ixDir = ix, ix.Dir()
	return ix, nil
}
