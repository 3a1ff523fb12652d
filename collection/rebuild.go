package collection

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dangjian/dangjian/clean"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/dedup"
	"github.com/dangjian/dangjian/extract"
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
	bp, err := c.learnBoilerplate(ctx, total, progress)
	if err != nil {
		return index.Meta{}, err
	}
	cp, err := c.recleanAndLearn(ctx, bp, total, progress)
	if err != nil {
		return index.Meta{}, err
	}
	c.seg.AddTerms(cp.terms)
	facts, err := c.Store.NewFactsWriter(ctx)
	if err != nil {
		return index.Meta{}, err
	}
	if err := c.indexAll(ctx, b, facts, cp.groups, cp.relevant, progress); err != nil {
		facts.Abort()
		return index.Meta{}, err
	}
	if err := ctx.Err(); err != nil {
		facts.Abort()
		return index.Meta{}, err
	}
	// The index is finished first, because writing it is what fails when the disk is full;
	// then the tables are swapped in and the index follows by a rename, so a failed rebuild
	// leaves both as they were. Only a crash between the two swaps leaves the new tables
	// with the previous index, which the next rebuild replaces.
	// The facts index is built from the staged tables while the text index is written.
	if err := b.Finish(func() error { return indexFacts(ctx, b, facts) }); err != nil {
		facts.Abort()
		return index.Meta{}, err
	}
	if err := facts.Commit(ctx); err != nil {
		facts.Abort()
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

// indexFacts adds the staged rows to the generation's facts index, once per reprint group
// as the exports have them.
func indexFacts(ctx context.Context, b *index.Builder, facts *corpus.FactsWriter) error {
	if err := facts.Flush(); err != nil {
		return err
	}
	for _, table := range ExportTables {
		rows, err := tableRows(ctx, facts, table, corpus.FactFilter{})
		if err != nil {
			return err
		}
		for _, r := range rows {
			var f index.Fact
			switch x := r.row.(type) {
			case *InitiativeRow:
				f = index.Fact{Kind: "initiative", Actor: x.Actor, ActorKind: x.ActorKind, Province: x.Province, Year: yearValue(x.Year),
					Name: x.Initiative, Evidence: x.Evidence, DocID: x.DocID, Title: x.Title, Published: x.Published, URL: x.URL,
					AlsoIn: x.AlsoIn, Start: x.Start, End: x.End}
			case *MetricRow:
				f = index.Fact{Kind: "metric", Actor: x.Actor, ActorKind: x.ActorKind, Province: x.Province, Year: yearValue(x.Year),
					Value: x.Value, Unit: x.Unit, What: x.What, Approx: x.Approx, Evidence: x.Evidence, DocID: x.DocID, Title: x.Title,
					Published: x.Published, URL: x.URL, AlsoIn: x.AlsoIn, Start: x.Start, End: x.End}
			}
			if err := b.AddFact(&f); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func yearValue(y *int) int {
	if y == nil {
		return 0
	}
	return *y
}

// groupOf maps a document to its near-duplicate group: the canonical's id and the
// similarity to it. Documents without copies are not in the map.
type groupOf map[int64]dedup.Member

// learnBoilerplate reads every document once to learn the lines each site repeats on
// many pages (navigation, footers), which cleaning then removes.
func (c *Collection) learnBoilerplate(ctx context.Context, total int, progress func(Progress)) (*clean.Boilerplate, error) {
	bp := clean.NewBoilerplate()
	p := Progress{Stage: "learn", Total: total}
	err := c.Store.Each(ctx, func(d *corpus.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		bp.Learn(siteOf(d.URL), d.Text)
		p.Done++
		p.Bytes += int64(len(d.Text))
		progress(p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rebuild: learn site boilerplate: %w", err)
	}
	return bp, nil
}

// siteOf names the site a document comes from: the host of a page, the folder of a file.
func siteOf(ref string) string {
	if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return filepath.Dir(ref)
}

// cleanPass is what the first pass over the corpus learns.
type cleanPass struct {
	terms    []string // written between quotation marks: the segmenter keeps them whole
	groups   groupOf
	relevant int // documents to index
}

// recleanAndLearn applies the current cleaning rules to every document (storing the result
// where it changed), collects the quoted terms and groups near-duplicate documents.
func (c *Collection) recleanAndLearn(ctx context.Context, bp *clean.Boilerplate, total int, progress func(Progress)) (*cleanPass, error) {
	cp := &cleanPass{groups: groupOf{}}
	seen := map[string]bool{}
	var terms []string
	grouper := dedup.NewGrouper(dedup.Options{})
	p := Progress{Stage: "clean", Total: total}
	type cleaned struct {
		kept    string
		removed []corpus.Removed
		terms   []string
	}
	work := func(d *corpus.Document) cleaned {
		kept, removed := clean.Article(d.Text)
		kept, chrome := bp.Remove(siteOf(d.URL), kept)
		return cleaned{kept, append(removed, chrome...), segment.QuotedTerms(hanzi.Fold(kept))}
	}
	err := inOrder(ctx, c.Store, nil, work, func(d *corpus.Document, r cleaned) error {
		if r.kept != d.Clean {
			if err := c.Store.UpdateClean(ctx, d.ID, r.kept, r.removed); err != nil {
				return err
			}
		}
		for _, t := range r.terms {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
		if d.Relevant {
			cp.relevant++
			if err := grouper.Add(dedup.Doc{ID: d.ID, Text: r.kept, Published: d.Published}); err != nil {
				return err
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
	for _, g := range grouper.Groups() {
		for _, m := range g.Members {
			cp.groups[m.ID] = dedup.Member{ID: g.Canonical, Similarity: m.Similarity}
		}
	}
	cp.terms = terms
	return cp, nil
}

// indexAll analyses the relevant documents on every core and adds them to the index and
// the tables in corpus order, so the same corpus always makes the same index.
func (c *Collection) indexAll(ctx context.Context, b *index.Builder, facts *corpus.FactsWriter, groups groupOf, total int, progress func(Progress)) error {
	p := Progress{Stage: "index", Total: total}
	skip := func(d *corpus.Document) bool { return !d.Relevant } // kept in the corpus, left out of the index and the tables
	work := func(d *corpus.Document) *analysis { return c.analyse(d, groups[d.ID]) }
	err := inOrder(ctx, c.Store, skip, work, func(d *corpus.Document, a *analysis) error {
		if err := a.store(ctx, b, facts); err != nil {
			return err
		}
		p.Done++
		p.Bytes += int64(len(a.article.Text))
		progress(p)
		return nil
	})
	if err != nil {
		return fmt.Errorf("rebuild: index: %w", err)
	}
	return nil
}

// inOrder runs work on the documents of the corpus (but those skip names) on every core and
// hands each result to use in corpus order, one at a time. An error from use or the end
// of ctx stops the pass.
func inOrder[T any](ctx context.Context, st *corpus.Store, skip func(*corpus.Document) bool,
	work func(*corpus.Document) T, use func(*corpus.Document, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		d   *corpus.Document
		out chan T
	}
	jobs := make(chan job, 64)
	order := make(chan job, 64) // the same jobs in corpus order
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.out <- work(j.d)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		err := st.Each(ctx, func(d *corpus.Document) error {
			if skip != nil && skip(d) {
				return nil
			}
			j := job{d, make(chan T, 1)}
			for _, ch := range []chan job{order, jobs} {
				select {
				case ch <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
		close(jobs)
		close(order)
		readErr <- err
	}()
	var useErr error
	for j := range order {
		if useErr != nil {
			continue // drain, so the reader can finish
		}
		select {
		case r := <-j.out:
			if useErr = use(j.d, r); useErr != nil {
				cancel()
			}
		case <-ctx.Done():
			useErr = ctx.Err()
		}
	}
	wg.Wait()
	if err := <-readErr; err != nil && useErr == nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	return useErr
}

// analysis is what rebuild derives from one document.
type analysis struct {
	article     *index.Article
	facts       corpus.DocFacts
	initiatives []corpus.Initiative
	metrics     []corpus.Metric
}

func (a *analysis) store(ctx context.Context, b *index.Builder, facts *corpus.FactsWriter) error {
	if err := b.Add(a.article); err != nil {
		return err
	}
	return facts.Add(ctx, a.facts, a.initiatives, a.metrics)
}

// analyse extracts a document's actors, initiatives and metrics and makes its index
// records: the article, and one passage per sentence with the provinces it is about.
// grp is the document's near-duplicate group (zero when it has no copies).
func (c *Collection) analyse(d *corpus.Document, grp dedup.Member) *analysis {
	indexGroup := grp.ID // the index marks members of groups only, canonical included
	if grp.ID == 0 {
		grp = dedup.Member{ID: d.ID, Similarity: 1}
	}
	folded := hanzi.Fold(d.Clean)
	res := c.ext().ExtractTitled(d.Title, d.Clean, folded) // names are reported as the text writes them
	year := res.Year
	if year == 0 {
		year = yearOf(d.Published)
	}
	orig := []rune(d.Clean)
	all := hanzi.Fold(d.Title) + "\n" + folded
	doc := &index.Article{
		// One outlet makes one facet, whichever script its pages are written in.
		DocID: d.ID, Title: d.Title, URL: d.URL, Source: hanzi.Simplify(d.Source),
		Published: d.Published, Year: year, Text: d.Clean, Folded: all,
		Words: c.seg.Cut(all), Group: indexGroup,
	}
	a := &analysis{article: doc}
	var docProvinces []string
	seen := map[string]bool{}
	evidence := make([]string, len(res.Sentences))
	for i, s := range res.Sentences {
		evidence[i] = strings.TrimSpace(string(orig[s.Start:s.End]))
		if evidence[i] == "" {
			continue
		}
		for _, pv := range actorProvinces(s.Actors) {
			if !seen[pv] {
				seen[pv] = true
				docProvinces = append(docProvinces, pv)
			}
		}
		// A passage is a stretch of the sentence that the same actors govern, so a list
		// sentence credits each province with its own clauses only.
		for _, st := range s.Stretches {
			doc.Passages = append(doc.Passages, index.Passage{Start: st.Start, End: st.End, Provinces: actorProvinces(st.Actors)})
		}
	}
	doc.Provinces = docProvinces
	a.facts = corpus.DocFacts{DocID: d.ID, Year: year, Provinces: docProvinces, Group: grp.ID, Similarity: grp.Similarity}
	if res.SubjectWhy != "" {
		a.facts.Subject, a.facts.SubjectKind, a.facts.SubjectProvince, a.facts.SubjectWhy = res.Subject.Name, res.Subject.Kind, res.Subject.Province, res.SubjectWhy
	}
	for _, in := range res.Initiatives {
		a.initiatives = append(a.initiatives, corpus.Initiative{DocID: d.ID, Actor: in.Actor.Name, ActorKind: in.Actor.Kind,
			Province: in.Actor.Province, Year: year, Name: in.Name, Evidence: evidence[in.Sentence], Start: in.Start, End: in.End})
	}
	for _, m := range res.Metrics {
		a.metrics = append(a.metrics, corpus.Metric{DocID: d.ID, Actor: m.Actor.Name, ActorKind: m.Actor.Kind,
			Province: m.Actor.Province, Year: year, Value: m.Value, Unit: m.Unit, What: m.What, Approx: m.Approx,
			Evidence: evidence[m.Sentence], Start: m.Start, End: m.End})
	}
	return a
}

// actorProvinces lists the provinces a sentence is about: provinces acting, and the
// provinces of places acting. Central bodies belong to no province.
func actorProvinces(actors []extract.Actor) []string {
	var out []string
	for _, a := range actors {
		if a.Province != "" && !slices.Contains(out, a.Province) {
			out = append(out, a.Province)
		}
	}
	return out
}

func yearOf(published string) int {
	if len(published) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(published[:4])
	return y
}
