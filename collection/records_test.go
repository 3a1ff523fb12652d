package collection

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportCorpora imports the two real corpora of JSON Lines beside the checkout: 88
// reports, each with its year; a second import adds nothing.
func TestImportCorpora(t *testing.T) {
	ctx := context.Background()
	files, _ := filepath.Glob(filepath.Join(shared, "corpora", "*.jsonl"))
	if len(files) != 2 {
		t.Fatalf("want the 2 corpora in %s/corpora, found %d", shared, len(files))
	}
	c := newCollection(t)
	sum, err := c.Import(ctx, files, nil)
	if err != nil || sum.Added != 88 || sum.Refused != 0 {
		t.Fatalf("import: %+v, %v; want 88 added", sum, err)
	}
	again, err := c.Import(ctx, files, nil)
	if err != nil || again.Added != 0 || again.Skipped != 88 {
		t.Errorf("re-import: %+v, %v; want 88 skipped", again, err)
	}
	// Every government work report with a year field is dated by it.
	raw, err := os.ReadFile(filepath.Join(shared, "corpora", "government_work_reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var rec struct{ URL, Title, Year string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Year == "" {
			continue // a resolution on the report: its year is found in its text at rebuild
		}
		v, err := c.Show(ctx, rec.URL)
		if err != nil {
			t.Fatal(err)
		}
		if v.Published == nil || *v.Published != rec.Year || v.Year == nil || strconv.Itoa(*v.Year) != rec.Year || v.Title != rec.Title {
			t.Errorf("%s: published %v, year %v, title %q", rec.Title, v.Published, v.Year, v.Title)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("checked %d government work reports", checked)
	}
	// The congress reports are dated by the congress they were given at.
	raw, err = os.ReadFile(filepath.Join(shared, "corpora", "cpc_congress_reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var rec struct {
			URL      string
			Congress int
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		v, err := c.Show(ctx, rec.URL)
		if err != nil {
			t.Fatal(err)
		}
		if v.Year == nil || *v.Year != congressYears[rec.Congress-1] {
			t.Errorf("report of congress %d: year %v", rec.Congress, v.Year)
		}
	}
}

// TestImportRecordsWithBadLines imports JSON Lines and CSV with bad records: each bad one
// is refused with its line number, the others are stored.
func TestImportRecordsWithBadLines(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "reports.jsonl")
	lines := []string{
		`{"headline": "浙江述职评议综述", "body": "浙江开展“红色根脉强基工程”,培训党员1200人。", "when": "2023年5月2日", "link": "http://example.test/a"}`,
		`{"headline": "断开的一行", "body": "没有结尾`,
		`{"headline": "没有正文"}`,
		``,
		`{"headline": "福建述职评议综述", "body": "福建开展“四下基层”活动,走访群众3000人。", "when": "2022-11-08"}`,
	}
	if err := os.WriteFile(jsonl, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	csvFile := filepath.Join(dir, "reports.csv")
	if err := os.WriteFile(csvFile, []byte("\uFEFF标题,内容,年份\n湖北综述,湖北推行“红旗党支部”创建。,2021\n空的,,2020\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newCollection(t)
	m, err := ParseMapping("title=headline,text=body,date=when,url=link")
	if err != nil {
		t.Fatal(err)
	}
	var refused []string
	sum, err := c.ImportWith(ctx, []string{jsonl}, ImportOptions{Mapping: m}, func(ev ImportEvent) {
		if ev.Outcome == Refused {
			refused = append(refused, ev.Reason)
		}
	})
	if err != nil || sum.Added != 2 || sum.Refused != 2 {
		t.Fatalf("jsonl import: %+v, %v, refused %q; want 2 added, 2 refused", sum, err, refused)
	}
	if !strings.HasPrefix(refused[0], "line 2: not a JSON object") || !strings.HasPrefix(refused[1], "line 3: no text (field \"body\"") {
		t.Errorf("refusals %q", refused)
	}
	v, err := c.Show(ctx, "http://example.test/a")
	if err != nil || v.Published == nil || *v.Published != "2023-05-02" || v.Title != "浙江述职评议综述" {
		t.Errorf("record 1 stored as %+v, %v", v, err)
	}
	refused = nil
	sum, err = c.ImportWith(ctx, []string{csvFile}, ImportOptions{}, func(ev ImportEvent) {
		if ev.Outcome == Refused {
			refused = append(refused, ev.Reason)
		}
	})
	if err != nil || sum.Added != 1 || len(refused) != 1 || !strings.HasPrefix(refused[0], "line 3: no text") {
		t.Errorf("csv import: %+v, %v, refused %q", sum, err, refused)
	}
	if _, err := ParseMapping("body=text"); err == nil {
		t.Error("--map with an unknown field accepted")
	}
}
