package index

import (
	"reflect"
	"strings"
	"testing"
)

// TestPhraseWithSpaces: a space in a quoted phrase matches nothing or a few separators in
// the text, never a word; the hit's snippet marks the parts.
func TestPhraseWithSpaces(t *testing.T) {
	docs := []testDoc{
		{1, "一", "人民日报", 2023, "各支部落实三会一课制度。", map[int][]string{0: {"湖北"}}, 0},
		{2, "二", "人民日报", 2023, "各支部落实“三会一课”、制度化开展主题党日。", map[int][]string{0: {"湖北"}}, 0},
		{3, "三", "人民日报", 2023, "各支部落实三会一课，健全制度。", map[int][]string{0: {"湖北"}}, 0},
		{4, "四", "人民日报", 2023, "三會一課 制度全面落實。", map[int][]string{0: {"湖北"}}, 0},
	}
	ix := openIndexOf(t, docs)
	for q, want := range map[string][]int64{
		`"三会一课 制度"`:     {1, 2, 4},
		`"三会一课制度"`:      {1},
		`"三会一课  制度 "`:   {1, 2, 4},
		`-"三会一课 制度" 落实`: {3},
	} {
		if got := ids(search(t, ix, q)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
	res := search(t, ix, `"三会一课 制度"`)
	for _, h := range res.Hits {
		if s := strings.Join(h.Snippets, ""); !strings.Contains(s, "<mark>") {
			t.Errorf("doc %d: snippet %q marks nothing", h.DocID, s)
		}
	}
}

// TestPhraseAnchoredOnAnyPart: the longest part anchors the search, so the parts before it
// are matched backwards, gaps included, the same as forwards.
func TestPhraseAnchoredOnAnyPart(t *testing.T) {
	docs := []testDoc{
		{1, "一", "人民日报", 2023, "推进党建、述职评议考核全覆盖。", nil, 0},
		{2, "二", "人民日报", 2023, "推进党建述职评议考核。", nil, 0},
		{3, "三", "人民日报", 2023, "党建工作与述职评议考核。", nil, 0},
		{4, "四", "人民日报", 2023, "“党建”，“述职评议考核”。", nil, 0},
	}
	ix := openIndexOf(t, docs)
	for q, want := range map[string][]int64{
		`"党建 述职评议考核"`:     {1, 2, 4},
		`"推进 党建 述职评议考核"`:  {1, 2},
		`"述职评议考核 全覆盖"`:    {1},
		`"党建 述职评议考核 全覆盖"`: {1},
	} {
		if got := ids(search(t, ix, q)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}
}
