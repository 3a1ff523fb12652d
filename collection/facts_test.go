package collection

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/hanzi"
)

// TestFactsOnSeeds queries the facts index of the seeds: fields combine, reprints count
// once with their copies in also_in, and the facets count what matched.
func TestFactsOnSeeds(t *testing.T) {
	c := seededCollection(t)
	ctx := context.Background()

	res, err := c.Facts(ctx, "kind:initiative name:四不两直", 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Rows {
		got = append(got, r.Actor+" "+yearCell(r.Year)+" "+r.Initiative)
		if !strings.HasSuffix(r.URL, seed000) || len(r.AlsoIn) != 1 || !strings.HasSuffix(r.AlsoIn[0], seed003) {
			t.Errorf("%s %s from %s also in %v, want 000 with its reprint 003", r.Actor, r.Initiative, r.URL, r.AlsoIn)
		}
	}
	sort.Strings(got)
	if strings.Join(got, ", ") != "湖北 2023 四不两直, 黑龙江 2023 四不两直" || res.Total != 2 {
		t.Errorf("facts 四不两直 = %d: %v", res.Total, got)
	}
	if p := res.Facets["province"]; len(p) != 2 {
		t.Errorf("province facet %v", p)
	}

	res, err = c.Facts(ctx, "kind:metric value:>1000 unit:人", 50)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range res.Rows {
		if r.Kind != "metric" || r.Unit != "人" || *r.Value <= 1000 {
			t.Errorf("row %+v does not match the query", r)
		}
		if r.Actor == "福建" && *r.Value == 1107 && r.What == "访谈约谈领导干部" {
			found = true
		}
	}
	if !found {
		t.Errorf("福建's 访谈约谈领导干部1107人 not among %d rows", len(res.Rows))
	}

	// Every initiative row of the export is in the index, once.
	all, err := c.Facts(ctx, "kind:initiative", 10000)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tableRows(ctx, c.Store, "initiatives", corpus.FactFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if int(all.Total) != len(rows) {
		t.Errorf("facts index holds %d initiatives, the export %d", all.Total, len(rows))
	}

	// export --q writes exactly the rows facts finds.
	q := "what:问题 value:>100"
	found2, err := c.Facts(ctx, "kind:metric "+q, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := c.Export(ctx, "metrics", ExportOptions{Format: "jsonl", Query: q}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if found2.Total == 0 || len(lines) != int(found2.Total) {
		t.Errorf("export --q %q wrote %d rows, facts finds %d", q, len(lines), found2.Total)
	}
	for _, l := range lines {
		if !strings.Contains(hanzi.Fold(l), "问题") {
			t.Errorf("exported row without 问题 (or 問題): %s", l)
		}
	}

	if _, err := c.Facts(ctx, `name:"四不`, 10); err == nil || !strings.Contains(err.Error(), "unterminated quote") {
		t.Errorf("bad query gave %v", err)
	}
}
