package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestPassages(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"一。二！三？\n四", []string{"一。", "二！", "三？", "四"}},
		{"标题\n\n  正文\t甲。  ", []string{"标题", "正文 甲。"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := passages(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("passages(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSampleQueries(t *testing.T) {
	texts := []string{"全面从严治党向纵深发展，基层党组织建设不断加强。", "推动高质量发展，ABC 123 坚持人民至上。"}
	a, b := sampleQueries(texts, 50, 1), sampleQueries(texts, 50, 1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different queries")
	}
	if len(a) < 20 {
		t.Fatalf("got %d queries, want at least 20", len(a))
	}
	absent := 0
	for _, q := range a {
		if n := utf8.RuneCountInString(q); n < 2 || n > 9 || !allHan([]rune(q)) {
			t.Errorf("query %q: want 2-8 Han characters (9 with an inserted rare one)", q)
		}
		if strings.ContainsAny(q, string(rare)) {
			absent++
		}
	}
	if absent == 0 || absent > len(a)/3 {
		t.Errorf("%d of %d queries made absent, want about one in ten", absent, len(a))
	}
}

func TestStats(t *testing.T) {
	tests := []struct {
		xs   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {nil, 0}}
	for _, tt := range tests {
		if got := median(tt.xs); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.xs, got, tt.want)
		}
	}
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	if got := percentile(lat, 50); got != 50 {
		t.Errorf("p50 = %v, want 50", got)
	}
	if got := percentile(lat, 99); got != 99 {
		t.Errorf("p99 = %v, want 99", got)
	}
}

func TestCompareExplainsFolding(t *testing.T) {
	dir := t.TempDir()
	w := &workload{docs: dir}
	for name, text := range map[string]string{"a.txt": "加强黨建工作", "b.txt": "加强党建工作", "c.txt": "别的", "d.txt": "党\n建"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	qs := []string{"党建", "工作"}
	rg := []docSet{{"b.txt": true}, {"a.txt": true, "b.txt": true}}
	got := []docSet{{"a.txt": true, "b.txt": true, "d.txt": true}, {"a.txt": true}}
	a := compare(context.Background(), w, qs, got, rg, nil)
	want := agreement{queries: 2, unexplainedQ: 1, extra: 2, missing: 1, folded: 1, joined: 1}
	a.examples = nil
	if !reflect.DeepEqual(a, want) {
		t.Errorf("compare = %+v, want %+v", a, want)
	}
}
