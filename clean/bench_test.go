package clean

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// corporaTexts reads the report texts in ../../shared/corpora.
func corporaTexts(b testing.TB) []string {
	files, _ := filepath.Glob("../../shared/corpora/*.jsonl")
	if len(files) == 0 {
		b.Fatal("no reports in ../../shared/corpora")
	}
	var texts []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var r struct{ Content string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			texts = append(texts, r.Content)
		}
		f.Close()
	}
	return texts
}

func BenchmarkArticle(b *testing.B) {
	texts := corporaTexts(b)
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		texts = append(texts, readSeed(b, seed))
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			Article(t)
		}
	}
}
