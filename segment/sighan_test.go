package segment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/internal/sighan"
)

// sighanDir is the SIGHAN 2005 bakeoff data shared with the project.
var sighanDir = filepath.Join("..", "..", "shared", "sighan2005")

// bakeoff segments one test set line by line and scores it against its gold file.
func bakeoff(t testing.TB, seg *Segmenter, name string) sighan.Score {
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
	s, err := sighan.Words(got, strings.Fields(string(gold)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestScoreLinesAlignedByCharacters: 16 MSR lines put an opening quote at the end of one
// line in gold and the start of the next in the test set; spans over the characters, not the
// lines, score them right.
func TestScoreLinesAlignedByCharacters(t *testing.T) {
	tests := []struct {
		got, gold []string
		p, r      float64
	}{
		{[]string{"一“", "二"}, []string{"一", "“二"}, 0, 0},
		{[]string{"一", " “", "二"}, []string{"一", "“", "二"}, 1, 1},
	}
	for _, tt := range tests {
		s, err := sighan.Words(tt.got, tt.gold)
		if err != nil || s.P != tt.p || s.R != tt.r {
			t.Errorf("Words(%q, %q) = P %.3f R %.3f (%v), want P %.3f R %.3f", tt.got, tt.gold, s.P, s.R, err, tt.p, tt.r)
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
		t.Logf("%s: F1 %.4f (P %.4f R %.4f) with lexicon, F1 %.4f without", name, s.F1, s.P, s.R, p.F1)
		if name == "pku" && s.F1 < 0.83 {
			t.Errorf("PKU F1 = %.4f, want >= 0.83", s.F1)
		}
	}
}
