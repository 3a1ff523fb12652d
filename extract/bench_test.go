package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/hanzi"
)

// corpusText returns the contents of the shared corpora of government work
// and Party congress reports, folded, up to limit bytes.
func corpusText(b *testing.B, limit int) string {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join(sharedDir, "corpora", "*.jsonl"))
	if len(paths) == 0 {
		b.Skip("no corpora in " + sharedDir + "/corpora")
	}
	var sb strings.Builder
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() && sb.Len() < limit {
			var rec struct{ Content string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil {
				sb.WriteString(rec.Content)
				sb.WriteString("\n")
			}
		}
		f.Close()
	}
	return hanzi.Fold(sb.String())
}

func BenchmarkExtract(b *testing.B) {
	text := corpusText(b, 8<<20)
	docs := strings.SplitAfter(text, "\n\n\n")
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			testExtractor.Extract(d)
		}
	}
}
