package extract

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
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
		// Names are reported in the text's own characters when folding kept one rune for
		// one (always, for valid UTF-8); matching runs on the folded text.
		orig, folded := []rune(text), []rune(hanzi.Fold(text))
		if len(folded) != len(orig) {
			orig = folded
		}
		prevEnd := 0
		for _, s := range res.Sentences {
			inside("sentence", s.Start, s.End)
			if s.Start < prevEnd {
				t.Fatalf("sentence at %d overlaps the previous one ending at %d", s.Start, prevEnd)
			}
			prevEnd = s.End
			if s.Start == s.End || strings.ContainsRune(string(orig[s.Start:s.End]), '\n') {
				t.Fatalf("sentence [%d,%d) %q is empty or spans a line break", s.Start, s.End, string(orig[s.Start:s.End]))
			}
		}
		inSentence := func(what string, si, start, end int) {
			inside(what, start, end)
			if si < 0 || si >= len(res.Sentences) {
				t.Fatalf("%s sentence index %d of %d", what, si, len(res.Sentences))
			}
			if s := res.Sentences[si]; start < s.Start || end > s.End {
				t.Fatalf("%s [%d,%d) outside its sentence [%d,%d)", what, start, end, s.Start, s.End)
			}
		}
		for _, in := range res.Initiatives {
			inSentence("initiative", in.Sentence, in.Start, in.End)
			if got := string(orig[in.Start:in.End]); got != in.Name {
				t.Fatalf("initiative %q, but the text at [%d,%d) is %q", in.Name, in.Start, in.End, got)
			}
		}
		for _, m := range res.Metrics {
			inSentence("metric", m.Sentence, m.Start, m.End)
			if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
				t.Fatalf("metric value %v", m.Value)
			}
			span := folded[m.Start:m.End]
			if v, unit, ok := ParseFigure(string(span)); !ok || unit != m.Unit || !closeTo(v, m.Value) {
				t.Fatalf("metric %v %s, but its span %q reads as %v %q (ok %v)", m.Value, m.Unit, string(span), v, unit, ok)
			}
		}
	})
}

func closeTo(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}
