package collection

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestListSentencesCreditTheirClauses: in a sentence that names several provinces, search
// facets, province filters and trends credit each province with the clauses it governs,
// not with everything the sentence says (the seeds' review style, and traditional text).
func TestListSentencesCreditTheirClauses(t *testing.T) {
	dir := t.TempDir()
	text := "基层党建工作综述\n\n" +
		"福建约谈领导干部1107人，黑龙江、湖北等地每年采取“四不两直”方式深入基层。\n" +
		"上海、北京、山东等地推行“民权”议事会，广州则开展“红色物业”。\n" +
		"江蘇推行「網格黨建」，安徽探索「小區黨建」，分別覆蓋三千個小區。\n" +
		"湖南开展“双述双评”，并推行“屋场夜话”。\n"
	if err := os.WriteFile(filepath.Join(dir, "review.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c := rebuiltCollection(t, dir)
	ctx := context.Background()
	trend := func(q string) string {
		res, err := c.Trend(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var pvs []string
		for _, r := range res.Provinces {
			pvs = append(pvs, r.Province)
		}
		sort.Strings(pvs)
		return strings.Join(pvs, " ")
	}
	for q, want := range map[string]string{
		"四不两直":   "湖北 黑龙江",
		"约谈领导干部": "福建",
		"民权":     "上海 北京 山东",
		"红色物业":   "广东",
		"网格党建":   "江苏",
		"小区党建":   "安徽",
		"屋场夜话":   "湖南", // the second clause has no subject of its own: 湖南's
	} {
		if got := trend(q); got != want {
			t.Errorf("trend %s: %s, want %s", q, got, want)
		}
	}
	res, err := c.Search(ctx, "四不两直", SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var facet []string
	for pv := range res.Facets["province"] {
		facet = append(facet, pv)
	}
	slices.Sort(facet)
	if strings.Join(facet, " ") != "湖北 黑龙江" {
		t.Errorf("search 四不两直: province facet %v, want 湖北 黑龙江", res.Facets["province"])
	}
	if res, err := c.Search(ctx, "四不两直", SearchOptions{Province: "福建"}); err != nil || res.Total != 0 {
		t.Errorf("search --province 福建 四不两直: %v hits (err %v), want none", res.Total, err)
	}
}
