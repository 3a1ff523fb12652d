package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/hanzi"
)

// latStat is the median over runs of each run's latency percentiles, in milliseconds.
type latStat struct {
	p50, p99 float64
	n        int // queries per run
}

func latencies(runs [][]time.Duration) latStat {
	var p50, p99 []float64
	for _, r := range runs {
		p50 = append(p50, percentile(r, 50))
		p99 = append(p99, percentile(r, 99))
	}
	s := latStat{p50: median(p50), p99: median(p99)}
	if len(runs) > 0 {
		s.n = len(runs[0])
	}
	return s
}

// docSet is the set of document file names a query matched.
type docSet map[string]bool

func readQueries(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("queries: %w", err)
	}
	return strings.Fields(string(raw)), nil
}

// ripgrep runs `rg -l -F Q` over the document files for every query, several times.
func (d *driver) ripgrep(ctx context.Context, c *workload, qs []string) (latStat, []docSet, error) {
	var runs [][]time.Duration
	var sets []docSet
	for run := range d.runs {
		lat := make([]time.Duration, 0, len(qs))
		for _, q := range qs {
			ch, err := measure(ctx, nil, d.rg, "-l", "-F", "--no-messages", "--", q, c.docs)
			if err != nil && !strings.Contains(err.Error(), "exit status 1") { // 1: no match
				return latStat{}, nil, err
			}
			if err != nil {
				ch = child{wall: 0}
			}
			lat = append(lat, ch.wall)
			if run == 0 {
				set := docSet{}
				for _, l := range strings.Fields(string(ch.stdout)) {
					set[filepath.Base(l)] = true
				}
				sets = append(sets, set)
			}
		}
		runs = append(runs, lat)
	}
	return latencies(runs), sets, nil
}

// fts5Queries runs the query set through FTS5 several times; each query fetches every
// matching document.
func (d *driver) fts5Queries(ctx context.Context, c *workload) (latStat, []docSet, error) {
	var runs [][]time.Duration
	var sets []docSet
	out := filepath.Join(c.dir, "fts5-results.tsv")
	for run := range d.runs {
		if _, err := measure(ctx, nil, d.python, filepath.Join(d.scripts, "fts5.py"), "query", d.ftsDB(c), c.queries, out); err != nil {
			return latStat{}, nil, err
		}
		f, err := os.Open(out)
		if err != nil {
			return latStat{}, nil, fmt.Errorf("fts5 results: %w", err)
		}
		var lat []time.Duration
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			ms, docs, _ := strings.Cut(sc.Text(), "\t")
			v, err := strconv.ParseFloat(ms, 64)
			if err != nil {
				f.Close()
				return latStat{}, nil, fmt.Errorf("fts5 results: %q: %w", ms, err)
			}
			lat = append(lat, time.Duration(v*float64(time.Millisecond)))
			if run == 0 {
				set := docSet{}
				for _, n := range strings.Split(docs, ",") {
					if n != "" {
						set[n] = true
					}
				}
				sets = append(sets, set)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return latStat{}, nil, fmt.Errorf("fts5 results: %w", err)
		}
		runs = append(runs, lat)
	}
	return latencies(runs), sets, nil
}

// inProcess measures dangjian's search through the collection API (first page of ten
// hits with snippets and facets, as the CLI shows), then asks for every hit to compare
// the matched documents with ripgrep's.
func (d *driver) inProcess(ctx context.Context, c *workload, qs []string, prof string) (latStat, []docSet, *collection.Collection, error) {
	col, err := collection.Open(ctx, d.dataDir(c))
	if err != nil {
		return latStat{}, nil, nil, err
	}
	if _, err := col.Search(ctx, qs[0], collection.SearchOptions{Limit: 10}); err != nil { // opens the index
		col.Close()
		return latStat{}, nil, nil, err
	}
	search := func() ([]time.Duration, error) {
		lat := make([]time.Duration, 0, len(qs))
		for _, q := range qs {
			start := time.Now()
			if _, err := col.Search(ctx, q, collection.SearchOptions{Limit: 10}); err != nil {
				return nil, err
			}
			lat = append(lat, time.Since(start))
		}
		return lat, nil
	}
	var runs [][]time.Duration
	for range d.runs {
		lat, err := search()
		if err != nil {
			col.Close()
			return latStat{}, nil, nil, err
		}
		runs = append(runs, lat)
	}
	if prof != "" {
		if err := profiled(prof, func() error { _, err := search(); return err }); err != nil {
			col.Close()
			return latStat{}, nil, nil, err
		}
	}
	names, err := docNames(ctx, col)
	if err != nil {
		col.Close()
		return latStat{}, nil, nil, err
	}
	d.logf("%s: queries: dangjian, every hit of every query, to compare with ripgrep", c.label)
	sets := make([]docSet, len(qs))
	for i, q := range qs {
		res, err := col.Search(ctx, q, collection.SearchOptions{Limit: 1 << 30})
		if err != nil {
			col.Close()
			return latStat{}, nil, nil, err
		}
		set := docSet{}
		for _, h := range res.Hits {
			set[filepath.Base(h.URL)] = true
			for _, id := range h.Duplicates {
				set[names[id]] = true
			}
		}
		sets[i] = set
	}
	return latencies(runs), sets, col, nil
}

func docNames(ctx context.Context, col *collection.Collection) (map[int64]string, error) {
	names := map[int64]string{}
	err := col.Store.Each(ctx, func(d *corpus.Document) error {
		names[d.ID] = filepath.Base(d.URL)
		return nil
	})
	return names, err
}

func profiled(path string, fn func() error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	defer pprof.StopCPUProfile()
	return fn()
}

// coldStart runs `dangjian search --json Q` as a new process for the first n queries,
// several times: what a script calling the CLI waits for.
func (d *driver) coldStart(ctx context.Context, c *workload, qs []string) (latStat, error) {
	qs = qs[:min(len(qs), d.cliQueries)]
	var runs [][]time.Duration
	for range d.runs {
		lat := make([]time.Duration, 0, len(qs))
		for _, q := range qs {
			ch, err := measure(ctx, nil, d.dangjian, "--data", d.dataDir(c), "search", "--json", q)
			if err != nil {
				return latStat{}, err
			}
			lat = append(lat, ch.wall)
		}
		runs = append(runs, lat)
	}
	return latencies(runs), nil
}

// agreement compares a search's document sets with ripgrep's, query by query.
type agreement struct {
	agree, queries int
	unexplainedQ   int      // queries with a difference neither folding nor cleaning explains
	extra, missing int      // documents found only by the search, only by ripgrep
	folded         int      // of the extra: the folded text contains the folded query (黨建 = 党建, by design)
	joined         int      // of the extra: the query stands across a line break, which paragraph repair joins
	cleaned        int      // of the missing: the query stands only in lines cleaning removed
	examples       []string // a few unexplained disagreements
}

// compare checks sets against ripgrep's; col, when given, explains dangjian's differences.
func compare(ctx context.Context, c *workload, qs []string, got, rg []docSet, col *collection.Collection) agreement {
	a := agreement{queries: len(qs)}
	var ids map[string]int64
	if col != nil {
		names, _ := docNames(ctx, col)
		ids = map[string]int64{}
		for id, n := range names {
			ids[n] = id
		}
	}
	for i, q := range qs {
		var extra, missing []string
		for n := range got[i] {
			if !rg[i][n] {
				extra = append(extra, n)
			}
		}
		for n := range rg[i] {
			if !got[i][n] {
				missing = append(missing, n)
			}
		}
		if len(extra) == 0 && len(missing) == 0 {
			a.agree++
			continue
		}
		a.extra += len(extra)
		a.missing += len(missing)
		unexplained := 0
		for _, n := range extra {
			raw, err := os.ReadFile(filepath.Join(c.docs, n))
			switch folded := hanzi.Fold(string(raw)); {
			case err != nil:
				unexplained++
			case strings.Contains(folded, hanzi.Fold(q)):
				a.folded++
			case strings.Contains(strings.ReplaceAll(folded, "\n", ""), hanzi.Fold(q)):
				a.joined++
			default:
				unexplained++
			}
		}
		for _, n := range missing {
			if col != nil {
				if d, err := col.Store.Get(ctx, ids[n]); err == nil && !strings.Contains(hanzi.Fold(d.Clean), hanzi.Fold(q)) {
					a.cleaned++
					continue
				}
			}
			unexplained++
		}
		if unexplained > 0 {
			a.unexplainedQ++
		}
		if unexplained > 0 && len(a.examples) < 5 {
			slices.Sort(extra)
			slices.Sort(missing)
			a.examples = append(a.examples, fmt.Sprintf("%q: %d only here %v, %d only in ripgrep %v", q, len(extra), first(extra, 3), len(missing), first(missing, 3)))
		}
	}
	return a
}

func first(s []string, n int) []string { return s[:min(len(s), n)] }
