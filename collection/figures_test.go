package collection

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/extract"
)

// TestExportedValuesParseFromEvidence: every metric row exported from the 88 real reports
// (and the seeds and the development set) carries a value and unit that its own figure — the text at start:end of the document,
// inside the row's evidence — reads as, on its own. A numeral misread in context (亿 and
// 万, leading characters cut) shows here as a mismatch.
func TestExportedValuesParseFromEvidence(t *testing.T) {
	ctx := context.Background()
	files, _ := filepath.Glob(filepath.Join(shared, "corpora", "*.jsonl"))
	if len(files) != 2 {
		t.Fatalf("want the 2 corpora in %s/corpora, found %d", shared, len(files))
	}
	// With the seeds and our local-style development reports, which state far more figures.
	c := rebuiltCollection(t, append(files, filepath.Join(shared, "seeds"), filepath.Join("..", "extract", "testdata", "dev", "synthetic"))...)
	var out bytes.Buffer
	if err := c.Export(ctx, "metrics", ExportOptions{Format: "jsonl"}, &out); err != nil {
		t.Fatal(err)
	}
	texts := map[int64][]rune{}
	rows, mismatches := 0, 0
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r MetricRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		rows++
		text, ok := texts[r.DocID]
		if !ok {
			d, err := c.Store.Find(ctx, fmt.Sprint(r.DocID))
			if err != nil {
				t.Fatal(err)
			}
			text = []rune(d.Clean)
			texts[r.DocID] = text
		}
		if r.Start < 0 || r.End > len(text) || r.Start >= r.End {
			t.Fatalf("row %+v: offsets outside document %d", r, r.DocID)
		}
		figure := string(text[r.Start:r.End])
		v, unit, ok := extract.ParseFigure(figure)
		if !ok || v != r.Value || unit != r.Unit || !strings.Contains(r.Evidence, figure) {
			mismatches++
			if mismatches <= 20 {
				t.Errorf("document %d: row %v %s, but its figure %q reads %v %s (ok %v); in evidence: %v",
					r.DocID, r.Value, r.Unit, figure, v, unit, ok, strings.Contains(r.Evidence, figure))
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows < 300 {
		t.Fatalf("only %d metric rows", rows)
	}
	t.Logf("%d metric rows, %d mismatches", rows, mismatches)
}
