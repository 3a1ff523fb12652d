package query

import "testing"

// TestMatchAt: a space of a phrase is any run of up to MaxGap spaces and punctuation, or
// nothing; letters and digits never stand for it.
func TestMatchAt(t *testing.T) {
	tests := []struct {
		text   string
		p      int
		needle string
		want   int
	}{
		{"落实三会一课制度。", 2, "三会一课 制度", 6},
		{"落实三会一课、制度", 2, "三会一课 制度", 7},
		{"落实“三会一课” 制度", 3, "三会一课 制度", 8},
		{"落实三会一课加强制度", 2, "三会一课 制度", 0},
		{"落实三会一课、、、、、制度", 2, "三会一课 制度", 0},
		{"述职、评议、考核", 0, "述职 评议 考核", 8},
		{"述职评议", 0, "述职评议", 4},
		{"述职评议", 0, "评议", 0},
		{"，述职评议", 0, "述职 评议", 0}, // the gap is between parts, never before the first
	}
	for _, tt := range tests {
		if got := MatchAt([]rune(tt.text), tt.p, tt.needle); got != tt.want {
			t.Errorf("MatchAt(%q, %d, %q) = %d, want %d", tt.text, tt.p, tt.needle, got, tt.want)
		}
	}
}
