package segment

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/go-ego/gse/hmm"
)

// TestHMMMatchesGse checks that hmmCut, with the tables generated from gse,
// cuts like gse's hmm.Cut: on mixed strings and on every run of Han
// characters in some report paragraphs.
func TestHMMMatchesGse(t *testing.T) {
	hmm.LoadModel() // gse's default probabilities
	texts := []string{
		"",
		"习近平",
		"张三李四王五赵六",
		"abc12.5中文xyz…3.a",
		"第2.5版○〇测试",
		"鑫淼犇骉",
	}
	for _, line := range reportLines(t, 60) {
		texts = append(texts, strings.FieldsFunc(line, func(r rune) bool { return !unicode.Is(unicode.Han, r) })...)
	}
	st := loadStock()
	s := New()
	for _, text := range texts {
		sc := s.scratch(st, text)
		sc.hmmCut(st, 0, len(sc.runes))
		var got []string
		for _, sp := range sc.spans {
			got = append(got, text[sc.off[sp.start]:sc.off[sp.end]])
		}
		s.pool.Put(sc)
		if want := hmm.Cut(text); !slices.Equal(got, want) {
			t.Errorf("hmmCut(%q) = %q, want gse's %q", text, got, want)
		}
	}
	if len(texts) < 100 {
		t.Errorf("compared %d texts, want at least 100", len(texts))
	}
}
