// Package collection is a researcher's collection: the corpus database and the search index
// in one data directory, with the operations that the command line and the web server share.
package collection

import (
	"context"
	"errors"
	"fmt"
	"os"
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

	mu  sync.Mutex
	gen *generation // the generation new searches use
}

// generation is an open index generation and the searches reading it. A generation that a
// rebuild has replaced is closed when its last search ends, never under a search.
type generation struct {
	ix      *index.Index
	dir     string
	users   int
	retired bool
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

// ErrNoCollection is returned by OpenExisting for a folder that holds no collection.
var ErrNoCollection = errors.New("no collection")

// OpenExisting opens the collection in dir, refusing to create one: what the commands that
// only read or rebuild use, so that a mistyped folder says so instead of looking empty.
func OpenExisting(ctx context.Context, dir string) (*Collection, error) {
	if _, err := os.Stat(filepath.Join(dir, corpus.FileName)); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s (import or crawl first)", ErrNoCollection, dir)
	}
	return Open(ctx, dir)
}

// Unindexed counts the documents stored since the last rebuild that searches do not see
// yet; 0 without an index (searches then say to rebuild).
func (c *Collection) Unindexed(ctx context.Context) (int, error) {
	ix, err := c.Index()
	if err != nil {
		return 0, nil
	}
	return c.Store.CountRelevantAfter(ctx, ix.Meta().LastDocID)
}

// Close releases the database and the index.
func (c *Collection) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != nil {
		c.gen.ix.Close()
		c.gen = nil
	}
	return c.Store.Close()
}

func (c *Collection) indexRoot() string { return filepath.Join(c.Dir, "index") }

// Index returns the current index generation, opening it again when a rebuild has swapped
// in a new one since the last call. It is for what describes the index (Meta, Dir); a
// search holds its generation with acquire instead, because the generation returned here
// may be closed as soon as a later rebuild is noticed.
func (c *Collection) Index() (*index.Index, error) {
	ix, release, err := c.acquire()
	if err != nil {
		return nil, err
	}
	release()
	return ix, nil
}

// acquire returns the current generation held for one search: it stays open until release
// is called, even if rebuilds swap in newer generations meanwhile.
func (c *Collection) acquire() (*index.Index, func(), error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refresh(); err != nil {
		return nil, nil, err
	}
	g := c.gen
	g.users++
	return g.ix, func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if g.users--; g.users == 0 && g.retired {
			g.ix.Close()
		}
	}, nil
}

// refresh makes c.gen the generation CURRENT names, retiring the one it replaces. Called
// with c.mu held.
func (c *Collection) refresh() error {
	for attempt := 0; ; attempt++ {
		dir, err := index.CurrentDir(c.indexRoot())
		if err != nil {
			return fmt.Errorf("%s: %w", c.Dir, err)
		}
		if c.gen != nil && dir == c.gen.dir {
			return nil
		}
		ix, err := index.Open(c.indexRoot())
		if err != nil {
			// Another process's rebuild may have swapped generations between reading
			// CURRENT and opening it; read CURRENT again before giving up.
			if now, _ := index.CurrentDir(c.indexRoot()); now != dir && attempt < 3 {
				continue
			}
			return err
		}
		if old := c.gen; old != nil {
			old.retired = true
			if old.users == 0 {
				old.ix.Close()
			}
		}
		c.gen = &generation{ix: ix, dir: ix.Dir()}
		return nil
	}
}
