package extract

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func FuzzExtract(f *testing.F) {
	f.Add("浙江实施“千万工程”,建成示范村1200个。")
	f.Add("新华网重庆7月30日电(记者 某)40名书记述职……“大考”后,江北区推进“红心驿站”。")
	f.Add("“未闭合的引号,12万余件;1—2个\n第十年 3000多个 99.9% 七亿元 ××市")
	f.Add("")
	if paths, _ := filepath.Glob(filepath.Join(sharedDir, "seeds", "*.txt")); len(paths) > 0 {
		if raw, err := os.ReadFile(paths[0]); err == nil {
			f.Add(string(raw))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		res := testExtractor.Extract(text)
		n := utf8.RuneCountInString(text)
		inside := func(what string, start, end int) {
			if start < 0 || end > n || start > end {
				t.Fatalf("%s offsets [%d,%d) outside text of %d runes", what, start, end, n)
			}
		}
		prevEnd := 0
		for _, s := range res.Sentences {
			inside("sentence", s.Start, s.End)
			if s.Start < prevEnd {
				t.Fatalf("sentence at %d overlaps the previous one ending at %d", s.Start, prevEnd)
			}
			prevEnd = s.End
		}
		for _, in := range res.Initiatives {
			inside("initiative", in.Start, in.End)
			if in.Sentence < 0 || in.Sentence >= len(res.Sentences) {
				t.Fatalf("initiative sentence index %d of %d", in.Sentence, len(res.Sentences))
			}
		}
		for _, m := range res.Metrics {
			inside("metric", m.Start, m.End)
			if m.Sentence < 0 || m.Sentence >= len(res.Sentences) {
				t.Fatalf("metric sentence index %d of %d", m.Sentence, len(res.Sentences))
			}
			if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
				t.Fatalf("metric value %v", m.Value)
			}
		}
	})
}
