package collection

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpread traces an initiative through generated reports of several years: each
// actor's first year and document, then its later years, actors in order of first
// appearance; a reprint adds nothing and traditional characters count alike.
func TestSpread(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := []struct{ name, text string }{
		{"a.txt", "2019年浙江基层党建综述\n2019年，浙江深入开展“四下基层”活动，全省下访群众1200人。"},
		{"b.txt", "2020年福建基层党建综述\n2020年，福建全面推行“四下基层”制度，走访企业300家。"},
		{"c.txt", "2021年浙江基层党建综述\n2021年，浙江持续深化“四下基层”，解决问题560个。"},
		{"d.txt", "2021年寧夏基層黨建綜述\n2021年，寧夏推廣“四下基層”做法，培訓幹部800人。"},
		{"e.txt", "2022年福建基层党建综述\n2022年，福建开展“四下基层”活动，累计接访群众2000人。"},
		{"f.txt", "2022年福建基层党建综述\n2022年，福建开展“四下基层”活动，累计接访群众2000人。"}, // a reprint of e
		{"g.txt", "2022年江苏基层党建综述\n2022年，江苏开展“四个对照”活动，整改问题100个。"},
	}
	for _, d := range docs {
		if err := os.WriteFile(filepath.Join(dir, d.name), []byte(d.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := rebuiltCollection(t, []string{dir}...)
	res, err := c.Spread(ctx, "四下基层")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Actors {
		got = append(got, fmt.Sprintf("%s %d %s %v", a.Actor, *a.FirstYear, filepath.Base(a.First.URL), a.Years))
	}
	want := []string{"浙江 2019 a.txt [2019 2021]", "福建 2020 b.txt [2020 2022]", "宁夏 2021 d.txt [2021]"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("spread 四下基层 =\n%s\nwant\n%s", strings.Join(got, "; "), strings.Join(want, "; "))
	}
	if res.Rows != 5 {
		t.Errorf("%d rows, want 5 (the reprint once)", res.Rows)
	}
	if none, err := c.Spread(ctx, "四个对照了"); err != nil || len(none.Actors) != 0 {
		t.Errorf("spread of an unknown name = %+v, %v", none, err)
	}
}
