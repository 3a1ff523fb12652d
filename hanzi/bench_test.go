package hanzi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func BenchmarkFold(b *testing.B) {
	trad, err := os.ReadFile(filepath.Join(shared, "seeds", "002_5d6fb8c6b03e9a71.txt"))
	if err != nil {
		b.Fatal(err)
	}
	simp := strings.Join(corpusTexts(b, 10), "\n")
	for _, bc := range []struct {
		name string
		text string
		fn   func(string) string
	}{
		{"traditional-seed", string(trad), Fold},
		{"simplified-corpus", simp, Fold},
		{"folded-corpus", Fold(simp), Fold},
		{"simplify/traditional-seed", string(trad), Simplify},
		{"simplify/simplified-corpus", simp, Simplify},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				bc.fn(bc.text)
			}
		})
	}
}
