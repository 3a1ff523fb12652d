package segment

import (
	"testing"

	"github.com/go-ego/gse"
)

// BenchmarkCompare cuts the same government work reports with this package and
// with gse's own precise mode (DAG and HMM) and logs both speeds in MB/s.
// Peers outside Go (jieba, jieba-rs) are measured by the project's bench/ harness.
func BenchmarkCompare(b *testing.B) {
	docs := reportContents(b, 4<<20)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	cutters := []struct {
		name string
		cut  func() func(string) []string
	}{
		{"dangjian", func() func(string) []string { return New().Cut }},
		{"gse", func() func(string) []string {
			g := &gse.Segmenter{SkipLog: true}
			if err := g.LoadDictEmbed("zh"); err != nil {
				b.Fatalf("load gse dictionary: %v", err)
			}
			return func(text string) []string { return g.Cut(text, true) }
		}},
	}
	for _, c := range cutters {
		b.Run(c.name, func(b *testing.B) {
			cut := c.cut()
			cut("预热") // load the dictionary outside the measurement
			b.SetBytes(int64(size))
			b.ResetTimer()
			for b.Loop() {
				for _, d := range docs {
					cut(d)
				}
			}
			b.Logf("%s: %.1f MB/s over %d bytes", c.name, float64(size)*float64(b.N)/b.Elapsed().Seconds()/1e6, size)
		})
	}
}

// BenchmarkLoad measures what the first Cut of a process waits for: the stock
// dictionary, and for this package also the lexicon, against gse's LoadDictEmbed.
func BenchmarkLoad(b *testing.B) {
	b.Run("dangjian", func(b *testing.B) {
		for b.Loop() {
			st, err := decodeStock(dictData)
			if err != nil {
				b.Fatal(err)
			}
			New().loadLexicon(st)
		}
	})
	b.Run("gse", func(b *testing.B) {
		for b.Loop() {
			g := &gse.Segmenter{SkipLog: true}
			if err := g.LoadDictEmbed("zh"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
