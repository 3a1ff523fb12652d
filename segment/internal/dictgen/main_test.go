package main

import (
	"math"
	"strings"
	"testing"
)

func TestBuildTrieDoubleArray(t *testing.T) {
	words := map[string]uint64{"中国": 50, "中国人": 20, "中华": 9, "人民": 40, "人民日报": 7, "国人": 3, "华人": 4}
	chars := map[rune]uint64{'中': 100, '国': 80, '人': 90}
	tr := buildTrie(words, chars)
	if got, want := len(tr.runes), 7; got != want { // 中国人华民日报
		t.Fatalf("%d characters, want %d", got, want)
	}
	code := map[rune]int32{}
	for i, r := range tr.runes {
		code[r] = int32(i + 1)
	}
	// Rebuild the slots the way segment's decoder does and walk every word.
	check := map[int32]int32{0: -1}
	slotOf := []int32{0}
	freqAt := map[int32]uint64{}
	for i, kids := range tr.children {
		at := slotOf[i]
		freqAt[at] = tr.freq[i]
		for _, c := range kids {
			s := tr.base[i] + int32(c)
			if _, taken := check[s]; taken || int(s) >= tr.size {
				t.Fatalf("node %d: child %d at slot %d, taken or outside %d slots", i, c, s, tr.size)
			}
			check[s] = at
			slotOf = append(slotOf, s)
		}
	}
	baseAt := map[int32]int32{}
	for i, at := range slotOf {
		baseAt[at] = tr.base[i]
	}
	for w, f := range words {
		at := int32(0)
		for _, r := range w {
			s := baseAt[at] + code[r]
			if check[s] != at {
				t.Fatalf("word %q: no transition by %c", w, r)
			}
			at = s
		}
		if freqAt[at] != f {
			t.Errorf("word %q: frequency %d, want %d", w, freqAt[at], f)
		}
	}
	if got := freqAt[code['华']]; got != 0 {
		t.Errorf("华 never stands alone: frequency %d, want 0", got)
	}
}

func TestHMMModelFromGse(t *testing.T) {
	dir, err := gseDir()
	if err != nil {
		t.Skipf("gse module not available: %v", err)
	}
	m, err := hmmModel(dir + "/hmm")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"start B", m.start[0], -0.26268660809250016},
		{"start E", m.start[1], -3.14e+100},
		{"B to E", m.trans[0][1], -0.510825623765990},
		{"S to S", m.trans[3][3], -0.6658631448798212},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if !math.IsNaN(m.trans[0][0]) {
		t.Errorf("B to B = %v, want no entry", m.trans[0][0])
	}
	if e := m.emit['一']; e == nil || e[0] != -3.6544978750449433 {
		t.Errorf("emission of 一 = %v, want B at -3.654…", e)
	}
	if !strings.HasPrefix(string(encode(buildTrie(map[string]uint64{"中国": 1}, nil), 1, m)), magic) {
		t.Error("encoded dictionary does not start with its magic")
	}
}
