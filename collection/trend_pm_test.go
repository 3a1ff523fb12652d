package collection

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestTrendPerMillion checks the rates against a hand count: the characters of the
// sentences attributed to 浙江 in each year, line ends left out.
func TestTrendPerMillion(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// 2020: 2020年浙江工作 (9) + 浙江推行“四下基层”。(11) + 浙江开展调研。(7) = 27 characters.
	// 2021: 2021年浙江工作 (9) + 浙江深化“四下基层”。(11) = 20; the 福建 sentence is 福建's.
	for name, text := range map[string]string{
		"a.txt": "2020年浙江工作\n浙江推行“四下基层”。浙江开展调研。\n",
		"b.txt": "2021年浙江工作\n浙江深化“四下基层”。\n福建开展调研。\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := rebuiltCollection(t, []string{dir}...)
	res, err := c.TrendWith(ctx, "四下基层", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Provinces) != 1 || res.Provinces[0].Province != "浙江" {
		t.Fatalf("rows %+v, want 浙江 only", res.Provinces)
	}
	row := res.Provinces[0]
	if row.Chars["2020"] != 27 || row.Chars["2021"] != 20 {
		t.Errorf("characters %v, want 2020: 27, 2021: 20", row.Chars)
	}
	if r := row.Rates["2020"]; r < 37037.0 || r > 37037.1 {
		t.Errorf("2020 rate %v, want 1e6/27 = 37037.03…", r)
	}
	if r := row.Rates["2021"]; r != 50000 {
		t.Errorf("2021 rate %v, want 1e6/20 = 50000", r)
	}
	if plain, err := c.Trend(ctx, "四下基层"); err != nil || plain.PerMillion || plain.Provinces[0].Chars != nil {
		t.Errorf("plain trend carries rates: %+v %v", plain, err)
	}
}
