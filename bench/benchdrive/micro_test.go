package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"

	"github.com/dangjian/dangjian/benchcorpus"
	_ "github.com/dangjian/dangjian/index" // registers the n-gram tokenizer
)

// BenchmarkGramTokenizer measures the index's n-gram tokenizer (every character and every
// adjacent pair), which rebuild runs over every article and passage. The other hot paths
// have their benchmarks beside their code: segment BenchmarkCut, extract BenchmarkExtract,
// hanzi BenchmarkFold, collection BenchmarkImportRebuild and BenchmarkSearch.
func BenchmarkGramTokenizer(b *testing.B) {
	src, err := benchcorpus.Load(filepath.Join("..", "..", "..", "shared", "corpora"))
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	if err := src.Generate(1, 4<<20, func(d benchcorpus.Doc) error { sb.WriteString(d.Text); return nil }); err != nil {
		b.Fatal(err)
	}
	text := []byte(sb.String())
	tok, err := registry.NewCache().TokenizerNamed("dangjian_grams")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(tok.Tokenize(text)) == 0 {
			b.Fatal("no tokens")
		}
	}
}
