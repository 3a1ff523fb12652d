package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// sighanDir is the SIGHAN 2005 bakeoff data shared with the project.
var sighanDir = filepath.Join("..", "..", "shared", "sighan2005")

// score holds word-level precision, recall and F1 as computed by the bakeoff's scorer.
type score struct {
	Precision, Recall, F1 float64
	Gold, Got, Correct    int
}

// spans turns words into [start, end) character spans over the concatenated
// text with whitespace removed, so that line breaks in different places do not matter.
func spans(words []string) (map[[2]int]bool, string) {
	set := make(map[[2]int]bool, len(words))
	var text strings.Builder
	at := 0
	for _, w := range words {
		w = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, w)
		n := len([]rune(w))
		if n == 0 {
			continue
		}
		set[[2]int{at, at + n}] = true
		text.WriteString(w)
		at += n
	}
	return set, text.String()
}

// scoreWords compares a segmentation with the gold one; both must cover the same characters.
func scoreWords(t testing.TB, got, gold []string) score {
	t.Helper()
	gotSet, gotText := spans(got)
	goldSet, goldText := spans(gold)
	if gotText != goldText {
		t.Fatalf("segmentation covers different text than gold: %d vs %d bytes", len(gotText), len(goldText))
	}
	s := score{Gold: len(goldSet), Got: len(gotSet)}
	for sp := range gotSet {
		if goldSet[sp] {
			s.Correct++
		}
	}
	if s.Got > 0 && s.Gold > 0 {
		s.Precision = float64(s.Correct) / float64(s.Got)
		s.Recall = float64(s.Correct) / float64(s.Gold)
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// bakeoff segments one test set line by line and scores it against its gold file.
func bakeoff(t testing.TB, seg *Segmenter, name string) score {
	t.Helper()
	test, err := os.ReadFile(filepath.Join(sighanDir, "testing", name+"_test.utf8"))
	if err != nil {
		t.Fatalf("read test set: %v", err)
	}
	gold, err := os.ReadFile(filepath.Join(sighanDir, "gold", name+"_test_gold.utf8"))
	if err != nil {
		t.Fatalf("read gold: %v", err)
	}
	var got []string
	for _, line := range strings.Split(string(test), "\n") {
		got = append(got, seg.Cut(line)...)
	}
	return scoreWords(t, got, strings.Fields(string(gold)))
}

func TestScoreWords(t *testing.T) {
	tests := []struct {
		got, gold []string
		p, r      float64
	}{
		{[]string{"共同", "创造"}, []string{"共同", "创造"}, 1, 1},
		{[]string{"共同创造"}, []string{"共同", "创造"}, 0, 0},
		{[]string{"共", "同", "创造"}, []string{"共同", "创造"}, 1.0 / 3, 0.5},
		{[]string{"一“", "二"}, []string{"一", "“二"}, 0, 0}, // lines split differently, same characters
		{[]string{"一", " “", "二"}, []string{"一", "“", "二"}, 1, 1},
	}
	for _, tt := range tests {
		s := scoreWords(t, tt.got, tt.gold)
		if s.Precision != tt.p || s.Recall != tt.r {
			t.Errorf("scoreWords(%q, %q) = P %.3f R %.3f, want P %.3f R %.3f", tt.got, tt.gold, s.Precision, s.Recall, tt.p, tt.r)
		}
	}
}

func TestBakeoff(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("segments 2 MB of text")
	}
	seg := New()
	plain := newWithLexicon("")
	for _, name := range []string{"pku", "msr"} {
		s := bakeoff(t, seg, name)
		p := bakeoff(t, plain, name)
		t.Logf("%s: F1 %.4f (P %.4f R %.4f) with lexicon, F1 %.4f without", name, s.F1, s.Precision, s.Recall, p.F1)
		if name == "pku" && s.F1 < 0.83 {
			t.Errorf("PKU F1 = %.4f, want >= 0.83", s.F1)
		}
	}
}
