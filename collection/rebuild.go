package collection

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/dangjian/dangjian/clean"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/index"
	"github.com/dangjian/dangjian/segment"
)

// Progress reports how far a long operation has come.
type Progress struct {
	Stage string // "clean", "index"
	Done  int
	Total int
	Bytes int64 // text bytes processed in this stage
}

// Rebuild recreates everything derived from the corpus: cleaned texts, learnt terms and
// the index, into a new index generation that is swapped in at the end. Cancelling ctx (or
// killing the process) at any point leaves the previous index searchable.
func (c *Collection) Rebuild(ctx context.Context, progress func(Progress)) (index.Meta, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	b, err := index.NewBuilder(c.indexRoot())
	if err != nil {
		return index.Meta{}, err
	}
	committed := false
	defer func() {
		if !committed {
			b.Abort()
		}
	}()
	total, err := c.Store.Count(ctx)
	if err != nil {
		return index.Meta{}, err
	}
	terms, err := c.recleanAndLearn(ctx, total, progress)
	if err != nil {
		return index.Meta{}, err
	}
	c.seg.AddTerms(terms)
	if err := c.indexAll(ctx, b, total, progress); err != nil {
		return index.Meta{}, err
	}
	if err := ctx.Err(); err != nil {
		return index.Meta{}, err
	}
	if err := b.Commit(); err != nil {
		return index.Meta{}, err
	}
	committed = true
	ix, err := c.Index()
	if err != nil {
		return index.Meta{}, err
	}
	return ix.Meta(), nil
}

// recleanAndLearn applies the current cleaning rules to every document (storing the result
// where it changed) and collects the terms written between quotation marks, which the
// segmenter must keep whole.
func (c *Collection) recleanAndLearn(ctx context.Context, total int, progress func(Progress)) ([]string, error) {
	seen := map[string]bool{}
	var terms []string
	p := Progress{Stage: "clean", Total: total}
	err := c.Store.Each(ctx, func(d *corpus.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		kept, removed := clean.Lines(d.Text)
		if kept != d.Clean {
			if err := c.Store.UpdateClean(ctx, d.ID, kept, removed); err != nil {
				return err
			}
		}
		for _, t := range segment.QuotedTerms(hanzi.Fold(kept)) {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
		p.Done++
		p.Bytes += int64(len(d.Text))
		progress(p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rebuild: clean: %w", err)
	}
	return terms, nil
}

// indexAll analyses documents on every core and feeds the records to the one builder.
func (c *Collection) indexAll(ctx context.Context, b *index.Builder, total int, progress func(Progress)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	docs := make(chan *corpus.Document, 64)
	results := make(chan []*index.Record, 64)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				recs := c.records(d)
				select {
				case results <- recs:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		err := c.Store.Each(ctx, func(d *corpus.Document) error {
			select {
			case docs <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(docs)
		wg.Wait()
		close(results)
		readErr <- err
	}()
	p := Progress{Stage: "index", Total: total}
	var addErr error
	for recs := range results {
		if addErr != nil {
			continue // drain so the workers finish
		}
		for _, r := range recs {
			if err := b.Add(r); err != nil {
				addErr = err
				cancel()
				break
			}
		}
		if addErr == nil && len(recs) > 0 {
			p.Done++
			p.Bytes += int64(len(recs[0].Text))
			progress(p)
		}
	}
	if err := <-readErr; err != nil && addErr == nil {
		return fmt.Errorf("rebuild: read corpus: %w", err)
	}
	return addErr
}

// records analyses one document into its article record and passage records.
func (c *Collection) records(d *corpus.Document) []*index.Record {
	folded := hanzi.Fold(d.Title + "\n" + d.Clean)
	doc := &index.Record{
		Kind: index.KindDoc, DocID: d.ID, Title: d.Title, URL: d.URL, Source: d.Source,
		Published: d.Published, Year: yearOf(d.Published), Text: d.Clean, Folded: folded,
		Words: c.seg.Cut(folded),
	}
	return []*index.Record{doc}
}

func yearOf(published string) int {
	if len(published) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(published[:4])
	return y
}
