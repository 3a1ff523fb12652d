package index

import (
	"os"
	"testing"
	"time"
)

func TestScratchPairTable(t *testing.T) {
	path := os.Getenv("FOLDED")
	if path == "" {
		t.Skip()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		g := newGramTable()
		start := time.Now()
		for off := 0; off < len(data); {
			end := min(off+6000, len(data))
			for end < len(data) && data[end]&0xC0 == 0x80 {
				end++
			}
			g.addText(string(data[off:end]), uint32(off))
			off = end
		}
		t.Logf("%d MB: %v, %d pairs", len(data)>>20, time.Since(start), len(g.keys))
	}
}
