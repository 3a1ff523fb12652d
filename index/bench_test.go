package index

import (
	"context"
	"math/rand"
	"path/filepath"
	"testing"

	"github.com/dangjian/dangjian/benchcorpus"
	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/query"
)

// benchArticles are 4 MB of the benchmark corpus as articles with one passage per line,
// every fourth attributed to a province.
func benchArticles(b *testing.B) []*Article {
	b.Helper()
	src, err := benchcorpus.Load(filepath.Join("..", "..", "shared", "corpora"))
	if err != nil {
		b.Fatal(err)
	}
	var out []*Article
	err = src.Generate(1, 4<<20, func(d benchcorpus.Doc) error {
		a := &Article{DocID: int64(len(out) + 1), Title: d.Name, Source: "bench", Year: 2000 + len(out)%25, Text: d.Text}
		a.Folded = hanzi.Fold(a.Title + "\n" + a.Text)
		start := 0
		runes := []rune(d.Text)
		for i, r := range runes {
			if r == '\n' || i == len(runes)-1 {
				p := Passage{Start: start, End: i + 1}
				if len(a.Passages)%4 == 0 {
					p.Provinces = []string{"湖北"}
				}
				a.Passages = append(a.Passages, p)
				start = i + 1
			}
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkBuild measures writing a generation: the character-pair postings, the lists of
// the frequent strings, the texts and the tables (the part of a rebuild that is the
// index's own).
func BenchmarkBuild(b *testing.B) {
	arts := benchArticles(b)
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text))
	}
	b.SetBytes(size)
	for b.Loop() {
		buildAll(b, b.TempDir(), arts)
	}
}

// buildAll writes a generation of arts under root.
func buildAll(b *testing.B, root string, arts []*Article) {
	b.Helper()
	bl, err := NewBuilder(root)
	if err != nil {
		b.Fatal(err)
	}
	for _, a := range arts {
		if err := bl.Add(a); err != nil {
			b.Fatal(err)
		}
	}
	if err := bl.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkQuery measures Search over the 4 MB generation with strings of 2 to 8
// characters taken from the text; collection BenchmarkSearch measures the same through
// a collection with latency percentiles.
func BenchmarkQuery(b *testing.B) {
	arts := benchArticles(b)
	root := b.TempDir()
	buildAll(b, root, arts)
	ix, err := Open(root)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	rng := rand.New(rand.NewSource(7))
	var qs []*query.Query
	for len(qs) < 500 {
		runes := []rune(arts[rng.Intn(len(arts))].Text)
		n := 2 + rng.Intn(7)
		if len(runes) <= n {
			continue
		}
		at := rng.Intn(len(runes) - n)
		q, err := query.Parse(`"` + string(runes[at:at+n]) + `"`)
		if err != nil {
			continue // quotes or spaces in the sample
		}
		qs = append(qs, q)
	}
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := ix.Search(ctx, Request{Query: qs[i%len(qs)], Limit: 10}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
