package goldscore

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNormActor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"湖北省", "湖北"},
		{"广西壮族自治区", "广西"},
		{" 重慶市 ", "重庆"},
		{"上海", "上海"},
		{"市", "市"},
		{"彭水县", "彭水县"},
		{"新疆维吾尔自治区", "新疆"},
		{"中央和国家机关工委", "中央和国家机关工委"},
	}
	for _, tt := range tests {
		if got := NormActor(tt.in); got != tt.want {
			t.Errorf("NormActor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"感党恩、听党话、跟党走", "感党恩听党话跟党走"},
		{"結對幫扶·愛心甘肅", "结对帮扶爱心甘肃"},
		{"党建+营商环境建设", "党建营商环境建设"},
		{"总书记有号令、党中央有部署,重庆见行动", "总书记有号令党中央有部署重庆见行动"},
		{"推动村干部主动上门服务，防止村级组织‘机关化’", "推动村干部主动上门服务防止村级组织机关化"},
		{"1+1+1", "111"},
		{"A B\u00a0C", "ABC"},
	}
	for _, tt := range tests {
		if got := NormName(tt.in); got != tt.want {
			t.Errorf("NormName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// testGold is a small gold file exercising each rule of the scoring.
var testGold = Gold{
	Doc: "900_test.txt",
	Actors: []Actor{
		{Name: "重庆", Kind: "province"},
		{Name: "彭水县", Kind: "place", Province: "重庆"},
	},
	Initiatives: []Initiative{
		{Actor: "浙江", Name: "千万工程", Required: yes()},
		{Actor: "彭水县", Name: "红岩先锋", Required: nil},
		{Actor: "北京", Name: "接诉即办", Required: no()},
	},
	Metrics: []Metric{
		{Actor: "彭水县", Value: 10, Unit: "%"},
		{Actor: "福建", Value: 1107, Unit: "人"},
	},
}

func TestScore(t *testing.T) {
	tests := []struct {
		name                           string
		inits                          []InitiativeRow
		metrics                        []MetricRow
		actorsF1, initiativesF1, metF1 float64
	}{
		{"all found", []InitiativeRow{{"浙江省", "浙江", "“千万工程”"}, {"彭水县", "重庆", "红岩先锋"}},
			[]MetricRow{{"彭水县", "重庆", 10, "%", ""}, {"福建", "福建", 1107, "人", ""}}, 1, 1, 1},
		{"province accepted for a place", []InitiativeRow{{"浙江", "浙江", "千万工程"}, {"重庆", "重庆", "红岩先锋行动"}},
			[]MetricRow{{"重庆", "", 10, "%", ""}, {"福建", "福建", 1107, "人", ""}}, 1, 1, 1},
		{"optional counts neither way", []InitiativeRow{{"浙江", "浙江", "千万"}, {"重庆", "重庆", "红岩先锋"}, {"北京", "北京", "接诉即办"}},
			[]MetricRow{{"重庆", "重庆", 10, "%", ""}, {"福建", "福建", 1107, "人", ""}}, 1, 1, 1},
		{"wrong actor, wrong unit", []InitiativeRow{{"江苏", "江苏", "千万工程"}, {"重庆", "重庆", "红岩先锋"}},
			[]MetricRow{{"重庆", "重庆", 10, "个", ""}, {"福建", "福建", 1107, "人", ""}}, 0.67, 0.5, 0.5},
		{"nothing extracted", nil, nil, 0, 0, 0},
	}
	for _, tt := range tests {
		s := Score(testGold, tt.inits, tt.metrics)
		if !near(s.Actors.F1, tt.actorsF1) || !near(s.Initiatives.F1, tt.initiativesF1) || !near(s.Metrics.F1, tt.metF1) {
			t.Errorf("%s: %s; want F1 %.2f/%.2f/%.2f (misses %v extras %v)", tt.name, s, tt.actorsF1, tt.initiativesF1, tt.metF1, s.Misses, s.Extras)
		}
	}
}

func TestScoreEmptyGold(t *testing.T) {
	g := Gold{Doc: "901_empty.txt"}
	if s := Score(g, nil, nil); s.Actors.F1 != 1 || s.Initiatives.F1 != 1 || s.Metrics.F1 != 1 {
		t.Errorf("empty gold, no rows: %s, want all 1", s)
	}
	s := Score(g, []InitiativeRow{{"湖北", "湖北", "大调研"}}, nil)
	if s.Initiatives.F1 != 0 || s.Actors.F1 != 0 || len(s.Extras) != 2 {
		t.Errorf("empty gold, one row: %s extras %v, want initiatives and actors 0 with 2 extras", s, s.Extras)
	}
}

func TestScoreLists(t *testing.T) {
	s := Score(testGold, []InitiativeRow{{"江苏", "江苏", "千万工程"}}, []MetricRow{{"福建", "福建", 1107, "人", ""}})
	misses, extras := strings.Join(s.Misses, "|"), strings.Join(s.Extras, "|")
	for _, want := range []string{"initiative 浙江 千万工程", "initiative 彭水县 红岩先锋", "metric 彭水县 10%", "actor 浙江", "actor 重庆"} {
		if !strings.Contains(misses, want) {
			t.Errorf("misses %q lack %q", misses, want)
		}
	}
	for _, want := range []string{"initiative 江苏 千万工程", "actor 江苏"} {
		if !strings.Contains(extras, want) {
			t.Errorf("extras %q lack %q", extras, want)
		}
	}
}

func TestLoadSharedGold(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "gold", "*.json"))
	if len(paths) == 0 {
		t.Fatal("no gold files in ../shared/gold")
	}
	for _, p := range paths {
		g, err := Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Initiatives) == 0 && len(g.Metrics) == 0 {
			t.Errorf("%s: no initiatives and no metrics", p)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("Load of a missing file gave no error")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"initiatives": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad); err == nil {
		t.Error("Load of a file without doc gave no error")
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func TestWhatAgreement(t *testing.T) {
	g := Gold{Metrics: []Metric{
		{Actor: "福建", Value: 1107, Unit: "人", What: "访谈约谈领导干部"},
		{Actor: "福建", Value: 12, Unit: "个", What: "市级两新工委"},
		{Actor: "福建", Value: 3, Unit: "次"},
	}}
	s := Score(g, nil, []MetricRow{
		{"福建", "福建", 1107, "人", "約談領導幹部"}, // contained, in traditional characters
		{"福建", "福建", 12, "个", "组织"},
		{"福建", "福建", 3, "次", "开展"},
	})
	if s.WhatMatched != 2 || s.WhatAgreed != 1 || len(s.WhatMisses) != 1 {
		t.Errorf("what: matched %d agreed %d misses %q, want 2, 1 and one miss", s.WhatMatched, s.WhatAgreed, s.WhatMisses)
	}
}
