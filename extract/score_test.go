package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dangjian/dangjian/gazetteer"
	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/internal/goldscore"
)

const sharedDir = "../../shared"

// rows turns a result into the rows an export would have, for scoring.
func rows(res Result) ([]goldscore.InitiativeRow, []goldscore.MetricRow) {
	var ir []goldscore.InitiativeRow
	for _, in := range res.Initiatives {
		ir = append(ir, goldscore.InitiativeRow{Actor: in.Actor.Name, Province: in.Actor.Province, Name: in.Name})
	}
	var mr []goldscore.MetricRow
	for _, m := range res.Metrics {
		mr = append(mr, goldscore.MetricRow{Actor: m.Actor.Name, Province: m.Actor.Province, Value: m.Value, Unit: m.Unit, What: m.What})
	}
	return ir, mr
}

// logScores logs a document's scores with every miss and extra.
func logScores(t *testing.T, name string, s goldscore.Scores) {
	t.Helper()
	t.Logf("%s: %s", name, s)
	for _, m := range s.Misses {
		t.Log("  missed " + m)
	}
	for _, e := range s.Extras {
		t.Log("  extra " + e)
	}
	for _, w := range s.WhatMisses {
		t.Log("  what " + w)
	}
}

// whatBar is the share of matched metrics whose description must agree with the gold's.
const whatBar = 0.8

// checkWhat fails t when fewer than whatBar of the matched metrics describe
// what they count as the gold does.
func checkWhat(t *testing.T, matched, agreed int) {
	t.Helper()
	if matched == 0 {
		t.Fatal("no gold metric with a description was matched")
	}
	share := float64(agreed) / float64(matched)
	t.Logf("metric descriptions agree with the gold for %d of %d matched metrics (%.0f%%)", agreed, matched, 100*share)
	if share < whatBar {
		t.Errorf("metric descriptions agree for %.0f%% of matched metrics, want ≥ %.0f%%", 100*share, 100*whatBar)
	}
}

// TestGoldScores scores extraction on the seeds' own text against the shared
// gold files, with the bars the held-back documents must pass.
func TestGoldScores(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(sharedDir, "gold", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no gold files found in " + sharedDir + "/gold")
	}
	ex := New(gazetteer.New())
	matched, agreed := 0, 0
	for _, path := range paths {
		g, err := goldscore.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join(sharedDir, "seeds", g.Doc))
		if err != nil {
			t.Fatal(err)
		}
		res := ex.Extract(hanzi.Fold(string(text)))
		ir, mr := rows(res)
		sc := goldscore.Score(g, ir, mr)
		logScores(t, g.Doc[:3], sc)
		matched, agreed = matched+sc.WhatMatched, agreed+sc.WhatAgreed
		if !sc.Meets(goldscore.HeldBackBar()) {
			t.Errorf("%s below the bar (actors ≥ 0.95, initiatives ≥ 0.90, metrics ≥ 0.90): %s", g.Doc, sc)
		}
		want := 0
		if g.Year != nil {
			want = *g.Year
		}
		if res.Year != want {
			t.Errorf("%s: year %d, want %d", g.Doc, res.Year, want)
		}
	}
	checkWhat(t, matched, agreed)
}

func extractSeed(t *testing.T, prefix string) Result {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(sharedDir, "seeds", prefix+"*.txt"))
	if len(paths) != 1 {
		t.Fatalf("seed %s not found", prefix)
	}
	raw, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return testExtractor.Extract(hanzi.Fold(string(raw)))
}
