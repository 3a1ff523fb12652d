package article

import (
	"errors"
	"strings"
	"testing"
)

// TestHostileContentType: a server may send any bytes in its Content-Type header; a bad
// header must fall back to the other charset clues, never panic.
func TestHostileContentType(t *testing.T) {
	tests := []struct {
		ct, want string
	}{
		{"\x89ChArset=", "utf-8"},
		{"text/html; \xff\xfeCHARSET=gbk;", "gb18030"},
		{"\xe4\xb8charset=\"big5\"", "big5"},
		{"text/html;;charset", "utf-8"},
	}
	for _, tt := range tests {
		_, cs, err := Decode([]byte("<p>ok</p>"), tt.ct)
		if err != nil || !strings.EqualFold(cs, tt.want) {
			t.Errorf("Decode with Content-Type %q: charset %q, %v; want %q", tt.ct, cs, err, tt.want)
		}
	}
}

// TestDeepNesting: a page of a million nested tags is read (the parser and every walk are
// bounded) and its text is found.
func TestDeepNesting(t *testing.T) {
	const n = 1_000_000
	page := "<html><body>" + strings.Repeat("<div>", n) + "<p>最深处的正文：基层党建工作扎实推进。</p>" + strings.Repeat("</div>", n) + "</body></html>"
	a, err := FromHTML([]byte(page), "text/html; charset=utf-8", "")
	if err != nil && !errors.Is(err, ErrEmpty) {
		t.Fatalf("FromHTML: %v", err)
	}
	if !strings.Contains(a.Text, "基层党建工作扎实推进") {
		t.Errorf("text %q, want the paragraph at the bottom", truncateForTest(a.Text))
	}
}

func truncateForTest(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
