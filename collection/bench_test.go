package collection

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/dangjian/dangjian/benchcorpus"
	"github.com/dangjian/dangjian/corpus"
)

// benchSize is the corpus size for the pipeline benchmarks, 20 MB unless
// DANGJIAN_BENCH_MB says otherwise.
func benchSize(b *testing.B) int {
	mb := 20
	if v := os.Getenv("DANGJIAN_BENCH_MB"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("DANGJIAN_BENCH_MB=%q: %v", v, err)
		}
		mb = n
	}
	return mb << 20
}

func benchFiles(b *testing.B) (dir string, bytes int64) {
	b.Helper()
	src, err := benchcorpus.Load(filepath.Join(shared, "corpora"))
	if err != nil {
		b.Fatal(err)
	}
	dir = b.TempDir()
	if _, err := src.WriteFiles(dir, 1, benchSize(b)); err != nil {
		b.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, _ := e.Info()
		bytes += info.Size()
	}
	return dir, bytes
}

// BenchmarkImportRebuild measures import plus rebuild (clean, segment, index) in MB/s of text.
func BenchmarkImportRebuild(b *testing.B) {
	files, size := benchFiles(b)
	ctx := context.Background()
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		c, err := Open(ctx, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Import(ctx, []string{files}, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Rebuild(ctx, nil); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}

// benchCollection imports and rebuilds the benchmark corpus, closed when b ends.
func benchCollection(b *testing.B) (*Collection, string) {
	b.Helper()
	files, _ := benchFiles(b)
	ctx := context.Background()
	c, err := Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	if _, err := c.Import(ctx, []string{files}, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		b.Fatal(err)
	}
	return c, files
}

// BenchmarkSearch measures query latency over the benchmark corpus: strings of 2 to 8
// characters sampled from the text, one in ten altered so that it occurs nowhere.
func BenchmarkSearch(b *testing.B) {
	c, files := benchCollection(b)
	ctx := context.Background()
	queries := sampleQueries(b, files, 1000)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if _, err := c.Search(ctx, queries[i%len(queries)], SearchOptions{Limit: 10}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

func sampleQueries(b *testing.B, dir string, n int) []string {
	entries, _ := os.ReadDir(dir)
	rng := rand.New(rand.NewSource(7))
	var out []string
	for len(out) < n {
		raw, err := os.ReadFile(filepath.Join(dir, entries[rng.Intn(len(entries))].Name()))
		if err != nil {
			b.Fatal(err)
		}
		runes := []rune(string(raw))
		length := 2 + rng.Intn(7)
		if len(runes) <= length {
			continue
		}
		start := rng.Intn(len(runes) - length)
		q := runes[start : start+length]
		if !allWordRunes(q) {
			continue
		}
		if rng.Intn(10) == 0 {
			q = append(append([]rune{}, q...), '鑫')
		}
		out = append(out, string(q))
	}
	return out
}

// BenchmarkFacts measures facts queries over the benchmark corpus's extracted rows: a
// name with a province, a unit with a value range, a description's word, by year.
func BenchmarkFacts(b *testing.B) {
	c, _ := benchCollection(b)
	ctx := context.Background()
	rng := rand.New(rand.NewSource(11))
	var queries []string
	for _, table := range ExportTables {
		rows, err := tableRows(ctx, c.Store, table, corpus.FactFilter{})
		if err != nil {
			b.Fatal(err)
		}
		for range 200 {
			if len(rows) == 0 {
				break
			}
			switch r := rows[rng.Intn(len(rows))].row.(type) {
			case *InitiativeRow:
				name := []rune(r.Initiative)
				if len(name) < 2 {
					continue
				}
				k := rng.Intn(len(name) - 1)
				q := "kind:initiative name:" + escapeTerm(string(name[k:k+2]))
				if r.Province != "" {
					q += " province:" + r.Province
				}
				queries = append(queries, q)
			case *MetricRow:
				queries = append(queries, "kind:metric unit:"+escapeTerm(r.Unit)+" value:>"+strconv.Itoa(int(r.Value/2)))
				if w := []rune(r.What); len(w) >= 2 {
					queries = append(queries, "what:"+escapeTerm(string(w[:2]))+" year:>=2000")
				}
			}
		}
	}
	if len(queries) == 0 {
		b.Fatal("no rows extracted from the benchmark corpus")
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if _, err := c.Facts(ctx, queries[i%len(queries)], DefaultFactsLimit); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
