package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/gazetteer"
	"github.com/dangjian/dangjian/sample"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const shared = "../../../shared"

// dj runs the command in-process and returns its output and exit status.
func dj(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.code
		errOut.WriteString(ee.msg) // what main prints after "dangjian: "
	default:
		code = 1
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), code
}

// seededData is a data directory with the five seeds imported and rebuilt, shared by the
// tests that only read it.
var seededData = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "dangjian-cmd-test-")
	if err != nil {
		return "", err
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"import", "--data", dir, filepath.Join(shared, "seeds")}, &out, &errOut); err != nil {
		return "", err
	}
	if err := run(context.Background(), []string{"rebuild", "--data", dir}, &out, &errOut); err != nil {
		return "", err
	}
	return dir, nil
})

func seeds(t *testing.T) string {
	t.Helper()
	if files, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt")); len(files) != 5 {
		t.Fatalf("want the 5 seeds in %s/seeds, found %d", shared, len(files))
	}
	dir, err := seededData()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := seededData(); err == nil {
		os.RemoveAll(dir)
	}
	if crashBinDir != "" {
		os.RemoveAll(crashBinDir)
	}
	os.Exit(code)
}

func TestSearchJSONContract(t *testing.T) {
	data := seeds(t)
	out, errOut, code := dj(t, "search", "--data", data, "四不两直", "--json")
	if code != 0 {
		t.Fatalf("search exit %d: %s", code, errOut)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search --json is not JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"query", "total", "hits", "facets"} {
		if _, ok := res[key]; !ok {
			t.Errorf("search --json lacks %q", key)
		}
	}
	hits := res["hits"].([]any)
	if len(hits) == 0 {
		t.Fatal("no hits for 四不两直")
	}
	hit := hits[0].(map[string]any)
	for _, key := range []string{"id", "url", "title", "source", "published", "year", "score", "provinces", "snippets", "duplicates"} {
		if _, ok := hit[key]; !ok {
			t.Errorf("hit lacks %q", key)
		}
	}
	snips := hit["snippets"].([]any)
	if len(snips) == 0 || !strings.Contains(snips[0].(string), "<mark>四不两直</mark>") {
		t.Errorf("snippets = %v, want a <mark>ed match", snips)
	}
	facets := res["facets"].(map[string]any)
	for _, f := range []string{"province", "year", "source"} {
		if _, ok := facets[f]; !ok {
			t.Errorf("facets lack %q", f)
		}
	}
}

func TestSearchHumanOutput(t *testing.T) {
	data := seeds(t)
	out, _, code := dj(t, "search", "--data", data, "形严实软")
	if code != 0 || !strings.Contains(out, "[形严实软]") || !strings.Contains(out, "001_44a1bbc77daa91e9.txt") {
		t.Errorf("search output (exit %d):\n%s", code, out)
	}
	if strings.Contains(out, "\033[") {
		t.Error("colour codes written to a non-terminal")
	}
}

func TestShowJSON(t *testing.T) {
	data := seeds(t)
	out, errOut, code := dj(t, "show", "--json", "--data", data, filepath.Join(shared, "seeds", "002_5d6fb8c6b03e9a71.txt"))
	if code != 0 {
		t.Fatalf("show exit %d: %s", code, errOut)
	}
	var v struct {
		ID          int64
		Title       string
		Published   *string
		Charset     string
		Text        string
		Initiatives []any
		Metrics     []any
		Removed     []struct{ Text, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Title != "堅持問題導向全面提高機關黨建質量研究" || v.Published == nil || *v.Published != "2024-03-03T03:14" {
		t.Errorf("show 002: title %q published %v", v.Title, v.Published)
	}
	if strings.Contains(v.Text, "香蕉") || len(v.Removed) == 0 {
		t.Errorf("show 002: spam not removed (removed %d parts)", len(v.Removed))
	}
	if _, _, code := dj(t, "show", "--data", data, "no-such-doc"); code != 1 {
		t.Errorf("show unknown exit %d, want 1", code)
	}
}

// TestShowMislabelledPage imports a GBK page whose meta tag claims UTF-8.
func TestShowMislabelledPage(t *testing.T) {
	dir := t.TempDir()
	// 标题: 湖北机关党建 / text: 湖北省直机关开展“四不两直”调研。 in GBK
	body := "<html><head><meta charset=\"utf-8\"><title>\xba\xfe\xb1\xb1\xbb\xfa\xb9\xd8\xb5\xb3\xbd\xa8</title></head><body>" +
		"<h1>\xba\xfe\xb1\xb1\xbb\xfa\xb9\xd8\xb5\xb3\xbd\xa8</h1><div class=\"date\">2024-03-05 10:00</div>" +
		"<p>\xba\xfe\xb1\xb1\xca\xa1\xd6\xb1\xbb\xfa\xb9\xd8\xbf\xaa\xd5\xb9\xa1\xb0\xcb\xc4\xb2\xbb\xc1\xbd\xd6\xb1\xa1\xb1\xb5\xf7\xd1\xd0\xa1\xa3</p></body></html>"
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	if _, errOut, code := dj(t, "import", "--data", data, page); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	out, _, _ := dj(t, "show", "--json", "--data", data, page)
	var v struct {
		Title, Text, Charset string
		Published            *string
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Title != "湖北机关党建" || !strings.Contains(v.Text, "湖北省直机关开展“四不两直”调研。") || v.Charset != "gb18030" ||
		v.Published == nil || !strings.HasPrefix(*v.Published, "2024-03-05") {
		t.Errorf("mislabelled GBK page shown as %+v", v)
	}
}

func TestImportExitCodes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "bin.txt"), []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1, 2, 3}, 0o644)
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("标题\n\n河北开展“万人进万企”活动。\n"), 0o644)
	data := t.TempDir()
	out, errOut, code := dj(t, "import", "--data", data, dir)
	if code != 1 {
		t.Errorf("import with refused files exit %d, want 1", code)
	}
	if !strings.Contains(out, "1 added") || !strings.Contains(errOut, "empty.txt") || !strings.Contains(errOut, "bin.txt") {
		t.Errorf("import output:\n%s\n%s", out, errOut)
	}
	out, _, code = dj(t, "import", "--data", data, filepath.Join(dir, "ok.txt"))
	if code != 0 || !strings.Contains(out, "skipped") {
		t.Errorf("re-import exit %d:\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"frobnicate"}, 2},
		{[]string{"import"}, 2},
		{[]string{"search"}, 2},
		{[]string{"search", "--limit", "x", "a"}, 2},
		{[]string{"export", "tables"}, 1},
		{[]string{"help"}, 0},
	}
	for _, tt := range tests {
		args := append(tt.args, "--data", t.TempDir())
		if _, _, code := dj(t, args...); code != tt.code {
			t.Errorf("dangjian %v exit %d, want %d", tt.args, code, tt.code)
		}
	}
}

func TestTrendSeeds(t *testing.T) {
	data := seeds(t)
	out, _, code := dj(t, "trend", "--json", "--data", data, "四不两直")
	if code != 0 {
		t.Fatalf("trend exit %d", code)
	}
	var res struct {
		Years     []int
		Provinces []struct {
			Province string
			Counts   map[string]int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range res.Provinces {
		got[p.Province] = true
		if p.Counts["2023"] == 0 {
			t.Errorf("%s has no 2023 count: %v", p.Province, p.Counts)
		}
	}
	if len(got) != 2 || !got["黑龙江"] || !got["湖北"] {
		t.Errorf("trend 四不两直 provinces = %v, want 黑龙江 and 湖北", got)
	}
	table, _, _ := dj(t, "trend", "--data", data, "四不两直")
	if !strings.Contains(table, "2023") || !strings.Contains(table, "黑龙江") || !strings.Contains(table, "total") {
		t.Errorf("trend table:\n%s", table)
	}
}

func TestSearchProvincePassages(t *testing.T) {
	data := seeds(t)
	out, _, _ := dj(t, "search", "--json", "--province", "浙江", "--data", data, "专项行动")
	var res struct {
		Total int
		Hits  []struct{ Snippets []string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatal("no hit for 浙江 专项行动")
	}
	for _, h := range res.Hits {
		for _, s := range h.Snippets {
			if !strings.Contains(s, "浙江") || !strings.Contains(s, "4个<mark>专项行动</mark>") {
				t.Errorf("snippet is not the 浙江 passage: %q", s)
			}
		}
	}
	if _, errOut, code := dj(t, "search", "--province", "火星", "--data", data, "党建"); code == 0 || !strings.Contains(errOut, "unknown province") {
		t.Errorf("unknown province: exit %d %s", code, errOut)
	}
}

func TestExportZhejiang(t *testing.T) {
	data := seeds(t)
	out, errOut, code := dj(t, "export", "initiatives", "--province", "浙江", "--format", "csv", "--data", data)
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "\uFEFFactor,actor_kind,province,year,initiative,name_folded,evidence,title,source,published,url,doc,also_in\n") {
		t.Errorf("CSV header/BOM wrong: %q", out[:min(len(out), 120)])
	}
	abs, _ := filepath.Abs(filepath.Join(shared, "seeds", "000_9cc716cc01e6bbdf.txt"))
	for _, want := range []string{"循迹溯源学思想促践行", "双融双强", ",人民日报,", abs, "压紧压实强基固本政治责任"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if !strings.HasPrefix(line, "浙江,province,浙江,") {
			t.Errorf("row not about 浙江: %s", line)
		}
	}
}

// TestExportXLSXOpensInOpenpyxl reads the workbook back with an independent reader.
func TestExportXLSXOpensInOpenpyxl(t *testing.T) {
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("python3-openpyxl missing in CI: %v", err)
		}
		t.Skip("Debian's python3-openpyxl is not installed (.ci/run installs it)")
	}
	data := seeds(t)
	file := filepath.Join(t.TempDir(), "zj.xlsx")
	if _, errOut, code := dj(t, "export", "initiatives", "--province", "浙江", "-o", file, "--data", data); code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	script := `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
print(ws.freeze_panes, ws.auto_filter.ref)
for row in ws.iter_rows(values_only=True):
    print("\t".join("" if v is None else str(v) for v in row))`
	out, err := exec.Command(py, "-c", script, file).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	lines := strings.Split(string(out), "\n")
	if !strings.HasPrefix(lines[0], "A2 $A$1:$M$") {
		t.Errorf("frozen pane / filter = %q, want A2 and A1:M…", lines[0])
	}
	if !strings.HasPrefix(lines[1], "actor\tactor_kind\tprovince\tyear\tinitiative") {
		t.Errorf("header = %q", lines[1])
	}
	if !strings.Contains(string(out), "循迹溯源学思想促践行") {
		t.Errorf("xlsx lacks 循迹溯源学思想促践行:\n%s", out)
	}
	// The metrics' approx column holds booleans, not the strings "true" and "false".
	mfile := filepath.Join(t.TempDir(), "m.xlsx")
	if _, errOut, code := dj(t, "export", "metrics", "-o", mfile, "--data", data); code != 0 {
		t.Fatalf("export metrics exit %d: %s", code, errOut)
	}
	types := `import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).active
col = [c.value for c in ws[1]].index("approx")
print(sorted({type(r[col]).__name__ for r in ws.iter_rows(min_row=2, values_only=True)}))`
	out, err = exec.Command(py, "-c", types, mfile).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "['bool']" {
		t.Errorf("approx cell types: %s %v", out, err)
	}
}

func TestMoveGlobalData(t *testing.T) {
	tests := []struct{ in, want string }{
		{"--data d show 1", "show --data d 1"},
		{"--data=d show 1", "show --data=d 1"},
		{"show --data d 1", "show --data d 1"},
		{"--data", "--data"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(moveGlobalData(strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("moveGlobalData(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShowSubject shows which actor a local report is about and why, and
// that a national review has none.
func TestShowSubject(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.txt")
	text := "岳阳县：“屋场夜话”听民声\n近日，县委组织部推广“屋场夜话”做法，全县开展夜话活动860场。\n全县收集群众意见2100余条。\n"
	if err := os.WriteFile(report, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	for _, args := range [][]string{{"import", "--data", data, report}, {"rebuild", "--data", data}} {
		if _, errOut, code := dj(t, args...); code != 0 {
			t.Fatalf("%s exit %d: %s", args[0], code, errOut)
		}
	}
	out, errOut, code := dj(t, "show", "--data", data, report)
	if code != 0 {
		t.Fatalf("show exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "subject:   岳阳县 (place in 湖南) — from the headline") || !strings.Contains(out, "开展夜话活动: 860 场") {
		t.Errorf("show of a county report:\n%s", out)
	}
	out, _, _ = dj(t, "show", "--json", "--data", seeds(t), filepath.Join(shared, "seeds", "000_9cc716cc01e6bbdf.txt"))
	var v struct{ Subject *struct{ Name string } }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Subject != nil {
		t.Errorf("a review of many provinces has subject %q", v.Subject.Name)
	}
}

// TestTrendSVGAndPerMillion writes the chart of a trend and prints rates with their
// denominators.
func TestTrendSVGAndPerMillion(t *testing.T) {
	data := seeds(t)
	svg := filepath.Join(t.TempDir(), "trend.svg")
	out, errOut, code := dj(t, "trend", "--data", data, "--svg", svg, "四不两直")
	if code != 0 {
		t.Fatalf("trend --svg exit %d: %s", code, errOut)
	}
	raw, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(raw, new(struct{})); err != nil || !strings.Contains(string(raw), "<circle") || !strings.Contains(string(raw), "黑龙江") {
		t.Errorf("trend.svg (%v):\n%s", err, raw)
	}
	if !strings.Contains(out, "黑龙江") || !strings.Contains(out, "█") {
		t.Errorf("trend output has no sparkline:\n%s", out)
	}
	out, _, code = dj(t, "trend", "--data", data, "--per-million", "四不两直")
	if code != 0 || !strings.Contains(out, "per million characters") || !strings.Contains(out, "in thousands") {
		t.Errorf("trend --per-million (exit %d):\n%s", code, out)
	}
}

// TestDemo runs the bundled demo into the folder --data names, says which filters its
// searches use, and refuses a folder that already holds a collection.
func TestDemo(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	out, errOut, code := dj(t, "demo", "--data", data)
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{"17 stored (3 off-topic)", "search 四不两直", "search --year 2024 双融双强", "--data " + data} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output has no %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "corpus.db")); err != nil {
		t.Errorf("demo did not write its collection into --data: %v", err)
	}
	if _, errOut, code := dj(t, "demo", "--data", data); code != 1 || !strings.Contains(errOut, "already holds one") {
		t.Errorf("demo into a folder with a collection: exit %d, %s", code, errOut)
	}
}

// TestDemoCorpus runs the demo on the real report corpora beside the checkout.
func TestDemoCorpus(t *testing.T) {
	out, errOut, code := dj(t, "demo", "--corpus", filepath.Join(shared, "corpora"), "--data", filepath.Join(t.TempDir(), "data"))
	if code != 0 {
		t.Fatalf("demo --corpus exit %d: %s", code, errOut)
	}
	for _, want := range []string{"88 reports added", "从严治党", "改革开放", "per million)", "1921–2025"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo --corpus output has no %q:\n%s", want, out)
		}
	}
	if _, _, code := dj(t, "demo", "--corpus", t.TempDir()); code != 1 {
		t.Errorf("demo --corpus on an empty folder: exit %d, want 1", code)
	}
}

// TestCrawlCheck prints what a profile extracts from one page of the sample site served on
// loopback, stores nothing, and names a page whose body gives no article.
func TestCrawlCheck(t *testing.T) {
	srv := httptest.NewServer(sample.Handler())
	defer srv.Close()
	data := t.TempDir()
	out, errOut, code := dj(t, "crawl", "--data", data, "--allow-private", "--check", srv.URL+"/people/n1/2024/0607/c117092-40252111.html")
	if code != 0 {
		t.Fatalf("crawl --check exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"title:      把抓基层党建的责任扛牢压实", "published:  2024-06-07", "charset:    gb", "  | "} {
		if !strings.Contains(out, want) {
			t.Errorf("crawl --check output has no %q:\n%s", want, out)
		}
	}
	if entries, _ := os.ReadDir(data); len(entries) != 0 {
		t.Errorf("crawl --check wrote %d entries into the data directory", len(entries))
	}
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><head><title>空</title></head><body><div class=\"nav\">首页</div></body></html>"))
	}))
	defer bare.Close()
	out, _, code = dj(t, "crawl", "--data", data, "--allow-private", "--check", bare.URL+"/a.html")
	if code != 1 || !strings.Contains(out, "problem:    no article body") {
		t.Errorf("a page without a body: exit %d\n%s", code, out)
	}
}

// TestExportByInitiative: on the seeds, `export initiatives --by initiative` has one row
// per actor and folded name, whose count is the number of mention rows of that pair and
// whose documents are the documents they come from.
func TestExportByInitiative(t *testing.T) {
	data := seeds(t)
	read := func(args ...string) []map[string]string {
		out, errOut, code := dj(t, append([]string{"export", "initiatives", "--format", "csv", "--data", data}, args...)...)
		if code != 0 {
			t.Fatalf("export %v: exit %d: %s", args, code, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("export %v: %d records, %v", args, len(recs), err)
		}
		var rows []map[string]string
		for _, rec := range recs[1:] {
			row := map[string]string{}
			for i, h := range recs[0] {
				row[h] = rec[i]
			}
			rows = append(rows, row)
		}
		return rows
	}
	mentions := read()
	type key struct{ actor, name string }
	count, docs := map[key]int{}, map[key]map[string]bool{}
	for _, m := range mentions {
		k := key{m["actor"], m["name_folded"]}
		count[k]++
		if docs[k] == nil {
			docs[k] = map[string]bool{}
		}
		docs[k][m["doc"]] = true
	}
	summary := read("--by", "initiative")
	if len(summary) != len(count) || len(summary) >= len(mentions) {
		t.Errorf("%d summary rows for %d distinct (actor, initiative) pairs in %d mentions", len(summary), len(count), len(mentions))
	}
	seen := map[key]bool{}
	for _, s := range summary {
		k := key{s["actor"], s["name_folded"]}
		if seen[k] {
			t.Errorf("two rows for %v", k)
		}
		seen[k] = true
		if s["count"] != strconv.Itoa(count[k]) || s["documents"] != strconv.Itoa(len(docs[k])) {
			t.Errorf("%v: count %s documents %s, want %d and %d", k, s["count"], s["documents"], count[k], len(docs[k]))
		}
	}
	if k := (key{"湖北", "机关党建促先行"}); count[k] != 4 || len(docs[k]) != 1 || !seen[k] {
		t.Errorf("湖北 机关党建促先行: %d mentions in %d documents, want 4 in 1, one summary row", count[k], len(docs[k]))
	}
	// Provinces come in administrative order (北京, 天津, 河北 …), rows of no province last.
	rank := map[string]int{"": 99}
	for i, pv := range gazetteer.New().Provinces() {
		rank[pv] = i
	}
	for _, rows := range [][]map[string]string{mentions, summary} {
		for i := 1; i < len(rows); i++ {
			if rank[rows[i-1]["province"]] > rank[rows[i]["province"]] {
				t.Errorf("row %d: %s after %s", i, rows[i]["province"], rows[i-1]["province"])
				break
			}
		}
	}
	if _, errOut, code := dj(t, "export", "metrics", "--by", "initiative", "--data", data); code == 0 || !strings.Contains(errOut, "one row per mention") {
		t.Errorf("export metrics --by initiative: exit %d, %s", code, errOut)
	}
}

// TestSearchExportsHits: search --format writes every hit (not the first page), one row per
// article with its snippets as text; -o takes the format from the extension.
func TestSearchExportsHits(t *testing.T) {
	data := seeds(t)
	res, _, _ := dj(t, "search", "--data", data, "--json", "--limit", "1", "党建")
	var r collection.SearchResult
	if err := json.Unmarshal([]byte(res), &r); err != nil || r.Total < 2 {
		t.Fatalf("search --json: %v, total %d", err, r.Total)
	}
	out, errOut, code := dj(t, "search", "--data", data, "--format", "csv", "党建")
	if code != 0 {
		t.Fatalf("search --format csv: exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(recs) != r.Total+1 || strings.Join(recs[0], ",") != "id,title,source,published,year,url,provinces,snippet,duplicates" {
		t.Fatalf("csv: %d records for %d hits (%v): %v", len(recs), r.Total, err, recs[:min(len(recs), 1)])
	}
	for _, rec := range recs[1:] {
		if !strings.Contains(rec[7], "[党建]") && !strings.Contains(rec[7], "[黨建]") || strings.Contains(rec[7], "<mark>") {
			t.Errorf("snippet %q: want the match between brackets, no markup", rec[7])
		}
	}
	if out, _, _ := dj(t, "search", "--data", data, "--format", "jsonl", "--limit", "2", "党建"); strings.Count(out, "\n") != 2 {
		t.Errorf("jsonl --limit 2: %d lines", strings.Count(out, "\n"))
	}
	file := filepath.Join(t.TempDir(), "hits.xlsx")
	if _, errOut, code := dj(t, "search", "--data", data, "-o", file, "党建"); code != 0 {
		t.Errorf("search -o hits.xlsx: exit %d: %s", code, errOut)
	} else if b, _ := os.ReadFile(file); !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("hits.xlsx is not a workbook")
	}
	if _, _, code := dj(t, "search", "--data", data, "--json", "--format", "csv", "党建"); code != 2 {
		t.Errorf("--json with --format: exit %d, want 2", code)
	}
}

// TestShowCite prints the fields of a citation and its GB/T 7714 reference.
func TestShowCite(t *testing.T) {
	data := seeds(t)
	out, errOut, code := dj(t, "show", "--data", data, "--cite", "1")
	if code != 0 {
		t.Fatalf("show --cite 1: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"标题: 压紧压实强基固本政治责任", "来源: 人民日报", "日期: 2024-06-07", "压紧压实强基固本政治责任 全面提高基层党建工作质效[N]. 人民日报, 2024-06-07."} {
		if !strings.Contains(out, want) {
			t.Errorf("show --cite lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := dj(t, "show", "--data", data, "--cite", "999"); code != 1 {
		t.Errorf("show --cite 999: exit %d, want 1", code)
	}
}

// TestFacetLine: years read newest first, like a time line; other facets by count.
func TestFacetLine(t *testing.T) {
	if got := facetLine(map[string]int{"2021": 5, "2023": 1, "2022": 3}, true); got != "2023 1 · 2022 3 · 2021 5" {
		t.Errorf("years: %s", got)
	}
	if got := facetLine(map[string]int{"湖北": 1, "浙江": 4, "福建": 4}, false); got != "浙江 4 · 福建 4 · 湖北 1" {
		t.Errorf("provinces: %s", got)
	}
}
