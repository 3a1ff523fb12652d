package sighan

import "testing"

func TestWords(t *testing.T) {
	tests := []struct {
		got, gold []string
		p, r      float64
	}{
		{[]string{"共同", "创造"}, []string{"共同", "创造"}, 1, 1},
		{[]string{"共同创造"}, []string{"共同", "创造"}, 0, 0},
		{[]string{"共同", "创", "造"}, []string{"共同", "创造"}, 1.0 / 3, 0.5},
		{[]string{"共同\n", " 创造"}, []string{"共同", "创造"}, 1, 1}, // white space does not count
	}
	for _, tt := range tests {
		s, err := Words(tt.got, tt.gold)
		if err != nil || s.P != tt.p || s.R != tt.r {
			t.Errorf("Words(%q, %q) = P %.3f R %.3f (%v), want P %.3f R %.3f", tt.got, tt.gold, s.P, s.R, err, tt.p, tt.r)
		}
	}
	if _, err := Words([]string{"共同"}, []string{"共", "创"}); err == nil {
		t.Error("Words over different text = nil error, want one")
	}
}
