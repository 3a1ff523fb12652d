package segment

import (
	"math"
	"strings"
	"testing"
)

func TestStockDictionary(t *testing.T) {
	st := loadStock()
	tests := []struct {
		word    string
		atLeast float64 // frequency in gse's dictionary
		known   bool
	}{
		{"的", 100000, true},
		{"党", 1000, true},
		{"黨", 1000, true}, // traditional characters come from gse's traditional dictionary
		{"中国", 10000, true},
		{"办公厅", 400, true},
		{"縝密", 100, true},
		{"中国共", 0, false}, // a prefix of words, not a word
		{"党建引领基层治理", 0, false},
	}
	s := New()
	for _, tt := range tests {
		sc := s.scratch(st, tt.word)
		n := len(sc.runes)
		var lp float64
		var known bool
		if n == 1 {
			lp, known = float64(st.da[sc.codes[0]].logp), sc.codes[0] != 0
		} else {
			lp, known = sc.stockWord(st, 0, n)
		}
		freq := math.Exp(lp + st.logTotal)
		if known != tt.known || (known && freq < tt.atLeast*0.999) {
			t.Errorf("stock word %q: known %v, frequency %.0f; want known %v, frequency at least %v", tt.word, known, freq, tt.known, tt.atLeast)
		}
	}
	if got := math.Exp(st.logTotal); got < 5e7 || got > 6e7 {
		t.Errorf("total frequency = %.0f, want gse's ~5.3e7", got)
	}
}

func TestDecodeStockRejectsDamage(t *testing.T) {
	tests := []struct{ name, data string }{
		{"empty", ""},
		{"other format", "dangjian segment dictionary 0\n" + dictData[len(dictMagic):]},
		{"truncated", dictData[:len(dictData)/2]},
		{"trailing bytes", dictData + "x"},
	}
	for _, tt := range tests {
		if _, err := decodeStock(tt.data); err == nil {
			t.Errorf("decodeStock(%s) succeeded, want an error", tt.name)
		}
	}
	if !strings.HasPrefix(dictData, dictMagic) {
		t.Fatalf("dict.bin does not start with %q; run go generate", dictMagic)
	}
}
