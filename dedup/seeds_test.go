package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readSeeds returns the seed documents in file order.
func readSeeds(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../shared/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in ../../shared/seeds: %v", err)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// withoutLines drops the 1-based line ranges [from, to] of text.
func withoutLines(text string, ranges [][2]int) string {
	lines := strings.Split(text, "\n")
	var kept []string
	for i, l := range lines {
		drop := false
		for _, r := range ranges {
			drop = drop || i+1 >= r[0] && i+1 <= r[1]
		}
		if !drop {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// foreign003 are the lines of seed 003 that belong to the other articles of the newspaper
// page, labelled by hand; the cleaning stage is meant to remove them before grouping.
var foreign003 = [][2]int{{53, 67}, {91, 99}, {127, 167}}

// TestSeeds groups the five seeds: 003 reprints 000 (a newspaper page with some sentences
// lost and other articles interleaved), the others are unrelated.
func TestSeeds(t *testing.T) {
	seeds := readSeeds(t)
	if len(seeds) != 5 {
		t.Fatalf("got %d seeds, want 5", len(seeds))
	}
	for _, tt := range []struct {
		name          string
		page          string
		wantCanonical int64
	}{
		// With the other articles removed, 003 is shorter and 000 is the most complete.
		{"cleaned page", withoutLines(seeds[3], foreign003), 0},
		// With them, the page is the longest text, so it is canonical by length.
		{"raw page", seeds[3], 3},
	} {
		docs := make([]Doc, len(seeds))
		for i, s := range seeds {
			docs[i] = Doc{ID: int64(i), Text: s, Published: "2024-06-07"}
		}
		docs[3].Text = tt.page
		groups, err := Find(docs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 1 {
			t.Fatalf("%s: got %d groups %+v, want one", tt.name, len(groups), groups)
		}
		g := groups[0]
		ids := []int64{g.Members[0].ID, g.Members[1].ID}
		slices.Sort(ids)
		if len(g.Members) != 2 || !slices.Equal(ids, []int64{0, 3}) || g.Canonical != tt.wantCanonical {
			t.Errorf("%s: got %+v, want seeds 0 and 3 with %d canonical", tt.name, g, tt.wantCanonical)
		}
		t.Logf("%s: similarity %.3f", tt.name, g.Members[1].Similarity)
	}
}

// TestThresholdSeparatesRealReports checks the threshold against the real reports: no two
// of the Congress and government work reports or of the yearly resolutions on them, which
// repeat each other's formulas, reach it; the reprint among the seeds does.
func TestThresholdSeparatesRealReports(t *testing.T) {
	var reports []string
	for _, f := range []string{"government_work_reports.jsonl", "cpc_congress_reports.jsonl"} {
		fh, err := os.Open(filepath.Join("../../shared/corpora", f))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var r struct{ Content string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			reports = append(reports, r.Content)
		}
		fh.Close()
	}
	if len(reports) < 80 {
		t.Fatalf("got %d reports, want the corpora", len(reports))
	}
	var sk []sketch
	for _, r := range reports {
		if s := newSketch(Doc{Text: r}); s.shingles() >= DefaultMinShingles {
			sk = append(sk, s)
		}
	}
	highest := 0.0
	for i := range sk {
		for j := i + 1; j < len(sk); j++ {
			highest = max(highest, similarity(&sk[i], &sk[j], 0))
		}
	}
	if highest >= DefaultThreshold {
		t.Errorf("two different reports reach similarity %.3f, want below %.2f", highest, DefaultThreshold)
	}
	seeds := readSeeds(t)
	a, b := newSketch(Doc{Text: seeds[0]}), newSketch(Doc{Text: seeds[3]})
	reprint := similarity(&a, &b, 0)
	if reprint < DefaultThreshold {
		t.Errorf("seed reprint similarity %.3f, want ≥ %.2f", reprint, DefaultThreshold)
	}
	t.Logf("%d reports: highest similarity between two %.3f; seed reprint %.3f", len(sk), highest, reprint)
}
