package collection

import (
	"errors"
	"testing"
)

func TestProvinceNames(t *testing.T) {
	c := seededCollection(t)
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"湖北", "湖北", true},
		{"湖北省", "湖北", true},
		{" 廣西壯族自治區 ", "广西", true},
		{"新疆生产建设兵团", "新疆生产建设兵团", true},
		{"湖北省委", "", false},
		{"火星", "", false},
	} {
		if got, ok := c.Province(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("Province(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestMentions(t *testing.T) {
	c := seededCollection(t)
	text := "黑龍江、湖北和彭水县推广西部经验"
	got := map[string]Mention{}
	for _, m := range c.Mentions(text) {
		got[m.Name] = m
	}
	for _, want := range []Mention{
		{Name: "黑龙江", Kind: "province", Province: "黑龙江", Start: 0, End: 3}, // traditional in the text, offsets into it
		{Name: "湖北", Kind: "province", Province: "湖北", Start: 4, End: 6},
		{Name: "彭水县", Kind: "place", Province: "重庆", Start: 7, End: 10},
	} {
		if got[want.Name] != want {
			t.Errorf("Mentions(%q)[%s] = %+v, want %+v", text, want.Name, got[want.Name], want)
		}
	}
	if _, ok := got["广西"]; ok {
		t.Errorf("Mentions(%q) found 广西 inside 推广西部", text)
	}
}

func TestFactCountsAndTables(t *testing.T) {
	c := seededCollection(t)
	ctx := t.Context()
	counts, err := c.FactCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byProvince := map[string]FactCount{}
	total := 0
	for _, fc := range counts {
		byProvince[fc.Province] = fc
		total += fc.Initiatives
	}
	if len(counts) == 0 || byProvince["湖北"].Initiatives == 0 || byProvince["重庆"].Metrics == 0 {
		t.Fatalf("FactCounts = %+v, want rows for 湖北 and 重庆", counts)
	}

	all, err := c.Tables(ctx, ExportOptions{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if all.InitiativeTotal != total || len(all.Initiatives) != 5 || len(all.Metrics) != 5 {
		t.Errorf("Tables(all, 5): %d initiatives of %d, %d metrics; want 5 of %d (the counts' sum), 5", len(all.Initiatives), all.InitiativeTotal, len(all.Metrics), total)
	}
	hb, err := c.Tables(ctx, ExportOptions{Province: "湖北省", Year: 2023}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if hb.InitiativeTotal != len(hb.Initiatives) || hb.InitiativeTotal == 0 {
		t.Errorf("Tables(湖北 2023): %d of %d initiatives, want all of some", len(hb.Initiatives), hb.InitiativeTotal)
	}
	for _, r := range hb.Initiatives {
		if r.Province != "湖北" || r.Year == nil || *r.Year != 2023 || r.Title == "" && r.URL == "" {
			t.Errorf("Tables(湖北 2023) row %+v: wrong province or year, or no document", r)
		}
	}
	if _, err := c.Tables(ctx, ExportOptions{Province: "火星"}, 5); !errors.Is(err, ErrUnknownProvince) {
		t.Errorf("Tables(火星): %v, want ErrUnknownProvince", err)
	}
}
