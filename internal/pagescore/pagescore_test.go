package pagescore

import (
	"math"
	"testing"
)

func TestBigramF1(t *testing.T) {
	tests := []struct {
		got, gold string
		want      float64
	}{
		{"党建工作", "党建工作", 1},
		{"党建 工作", "党建工作", 1}, // white space does not count
		{"党建", "工作", 0},
		{"", "工作", 0},
		{"党建工", "党建工作", 2 * 1 * (2.0 / 3) / (1 + 2.0/3)},
	}
	for _, tt := range tests {
		if got := BigramF1(tt.got, tt.gold); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("BigramF1(%q, %q) = %v, want %v", tt.got, tt.gold, got, tt.want)
		}
	}
}

func TestCWCED(t *testing.T) {
	pages, err := CWCED("../../../shared/html/cwced")
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatal("no CWCED pages found")
	}
	dated := 0
	for _, p := range pages {
		if p.Gold == "" {
			t.Errorf("%s has no gold text", p.ID)
		}
		if p.Date != "" {
			dated++
		}
	}
	if dated == 0 {
		t.Error("no page has a gold date")
	}
}
