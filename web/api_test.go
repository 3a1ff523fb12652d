package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/query"
)

func decode[T any](t *testing.T, path string, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("GET %s: body is not the JSON wanted: %v\n%s", path, err, body)
	}
	return v
}

func wantType(t *testing.T, path string, resp *http.Response, want string) {
	t.Helper()
	got, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || got != want {
		t.Errorf("GET %s: Content-Type %q, want %s", path, resp.Header.Get("Content-Type"), want)
	}
}

func TestAPISearch(t *testing.T) {
	f := seeded(t)
	path := "/api/search?q=" + url.QueryEscape("四不两直")
	resp, body := get(t, f.url, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", path, resp.StatusCode, body)
	}
	wantType(t, path, resp, "application/json")
	// The contract's keys, checked on the raw JSON so that a renamed field fails.
	raw := decode[map[string]json.RawMessage](t, path, body)
	for _, k := range []string{"query", "total", "hits", "facets", "page", "size"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("GET %s: no %q in the response", path, k)
		}
	}
	res := decode[searchResponse](t, path, body)
	// The seeds say it in one report (twice, if its reprint is not grouped with it); the
	// fixture says it of 四川.
	all := res.Total
	if all < 2 || len(res.Hits) != all || res.Page != 1 || res.PageSize != 20 {
		t.Fatalf("GET %s: total %d, %d hits, page %d of size %d; want 2 or more, all, 1, 20", path, res.Total, len(res.Hits), res.Page, res.PageSize)
	}
	for _, h := range res.Hits {
		if len(h.Snippets) == 0 || !strings.Contains(strings.Join(h.Snippets, ""), "<mark>四不两直</mark>") {
			t.Errorf("hit %d snippets %q, want <mark>四不两直</mark>", h.ID, h.Snippets)
		}
		if h.Duplicates == nil {
			t.Errorf("hit %d: duplicates is null, want a list", h.ID)
		}
	}
	for _, pv := range []string{"湖北", "黑龙江", "四川"} {
		if res.Facets["province"][pv] == 0 {
			t.Errorf("province facet %v has no %s", res.Facets["province"], pv)
		}
	}

	// Filters narrow; paging pages.
	for _, tc := range []struct {
		path  string
		total int
		hits  int
	}{
		{"/api/search?q=四不两直&province=湖北", all - 1, all - 1},
		{"/api/search?q=四不两直&province=湖北省", all - 1, all - 1},
		{"/api/search?q=四不两直&province=四川", 1, 1},
		{"/api/search?q=四不两直&year=2023", all, all},
		{"/api/search?q=四不两直&year=2019..2020", 0, 0},
		{"/api/search?q=四不两直&source=新华网", 1, 1},
		{"/api/search?q=四不两直&size=1", all, 1},
		{"/api/search?q=四不两直&size=1&page=2", all, 1},
		{"/api/search?q=四不两直&size=1&page=9", all, 0},
		{"/api/search?q=province:湖北+四不两直", all - 1, all - 1},
	} {
		resp, body := get(t, f.url, tc.path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d: %s", tc.path, resp.StatusCode, body)
			continue
		}
		r := decode[searchResponse](t, tc.path, body)
		if r.Total != tc.total || len(r.Hits) != tc.hits {
			t.Errorf("GET %s: total %d with %d hits, want %d with %d", tc.path, r.Total, len(r.Hits), tc.total, tc.hits)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	f := seeded(t)
	long := url.QueryEscape(strings.Repeat("党", query.MaxRunes+1))
	huge := strings.Repeat("a", maxParamBytes+1)
	for _, tc := range []struct {
		path   string
		status int
		msg    string
	}{
		{"/api/search", 400, "nothing to search for"},
		{"/api/search?q=+++", 400, "nothing to search for"},
		{"/api/search?q=党建&page=0", 400, `bad page "0"`},
		{"/api/search?q=党建&page=-1", 400, `bad page "-1"`},
		{"/api/search?q=党建&page=abc", 400, `bad page "abc"`},
		{"/api/search?q=党建&page=501", 400, "from 1 to 500"},
		{"/api/search?q=党建&page=99999999999999999999", 400, "bad page"},
		{"/api/search?q=党建&size=0", 400, `bad size "0"`},
		{"/api/search?q=党建&size=101", 400, "from 1 to 100"},
		{"/api/search?q=党建&province=火星", 400, `unknown province "火星"`},
		{"/api/search?q=province:火星+党建", 400, `unknown province "火星"`},
		{"/api/search?q=党建&year=abc", 400, `bad year "abc"`},
		{"/api/search?q=" + long, 400, "too long: 257 characters, at most 256"},
		{"/api/search?q=" + huge, 400, "parameter q is too long"},
		{"/api/search?q=%22unbalanced", 400, "query"},
		{"/api/search?q=%ff%fe", 400, "not valid UTF-8"},
		{"/api/trend", 400, "trend needs q"},
		{"/api/trend?q=-形式主义", 400, "nothing to look for"},
		{"/api/trend?q=province:湖北", 400, "trend needs a word"},
		{"/api/trend?q=" + long, 400, "too long"},
		{"/api/trend?q=province:火星+党建", 400, "unknown province"},
		{"/api/docs/abc", 400, `bad document id "abc"`},
		{"/api/docs/0", 400, `bad document id "0"`},
		{"/api/docs/-3", 400, `bad document id "-3"`},
		{"/api/docs/99999", 404, "no document 99999"},
		{"/api/export/people", 404, `no table "people"`},
		{"/api/export/initiatives?format=pdf", 400, `unknown format "pdf"`},
		{"/api/export/metrics?province=火星", 400, `unknown province "火星"`},
		{"/api/export/metrics?year=23", 400, `bad year "23"`},
		{"/api/export/metrics?year=twenty", 400, `bad year "twenty"`},
		{"/api/nothing", 404, "no API endpoint /api/nothing"},
		{"/api/docs/", 404, "no API endpoint"},
	} {
		resp, body := get(t, f.url, tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d: %s", tc.path, resp.StatusCode, tc.status, body)
			continue
		}
		wantType(t, tc.path, resp, "application/json")
		e := decode[apiErrorBody](t, tc.path, body)
		if e.Status != tc.status || !strings.Contains(e.Error, tc.msg) {
			t.Errorf("GET %s: error %d %q, want %d containing %q", tc.path, e.Status, e.Error, tc.status, tc.msg)
		}
		if resp.Header.Get("Content-Disposition") != "" {
			t.Errorf("GET %s: an error offered as a download: %s", tc.path, resp.Header.Get("Content-Disposition"))
		}
	}
}

func TestAPIIsReadOnly(t *testing.T) {
	f := seeded(t)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
		for _, path := range []string{"/api/search?q=党建", "/api/docs/1", "/api/export/metrics", "/healthz", "/"} {
			req, _ := http.NewRequest(method, f.url+path, strings.NewReader("{}"))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: status %d, Allow %q; want 405, GET, HEAD", method, path, resp.StatusCode, resp.Header.Get("Allow"))
			}
		}
	}
	resp, err := http.Head(f.url + "/api/search?q=党建")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("HEAD /api/search: status %d, want 200", resp.StatusCode)
	}
}

func TestAPITrend(t *testing.T) {
	f := seeded(t)
	path := "/api/trend?q=" + url.QueryEscape("四不两直")
	resp, body := get(t, f.url, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, body)
	}
	wantType(t, path, resp, "application/json")
	tr := decode[collection.TrendResult](t, path, body)
	got := map[string]int{}
	for _, row := range tr.Provinces {
		got[row.Province] = row.Counts["2023"]
	}
	// One seed says it of 黑龙江 and 湖北 together (its reprint may count too); the fixture of 四川.
	if got["黑龙江"] == 0 || got["黑龙江"] != got["湖北"] || got["四川"] != 1 || len(got) != 3 {
		t.Errorf("trend 四不两直 in 2023: %v, want 黑龙江 = 湖北 > 0 and 四川 = 1", got)
	}
}

func TestAPIDoc(t *testing.T) {
	f := seeded(t)
	path := "/api/docs/1"
	resp, body := get(t, f.url, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, body)
	}
	wantType(t, path, resp, "application/json")
	raw := decode[map[string]json.RawMessage](t, path, body)
	for _, k := range []string{"id", "url", "title", "source", "published", "year", "text", "provinces", "initiatives", "metrics", "removed", "duplicates", "marks", "html"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("GET %s: no %q in the response", path, k)
		}
	}
	if !strings.HasPrefix(string(raw["duplicates"]), "[") {
		t.Errorf("GET %s: duplicates %s, want a list", path, raw["duplicates"])
	}
	d := decode[docResponse](t, path, body)
	n := utf8.RuneCountInString(d.Text)
	kinds := map[string]int{}
	end := 0
	for _, m := range d.Marks {
		if m.Start < end || m.End > n || m.Start >= m.End {
			t.Errorf("mark %+v overlaps the one before (ending %d) or leaves the text (%d characters)", m, end, n)
		}
		end = m.End
		kinds[m.Kind]++
	}
	if kinds["actor"] == 0 || kinds["initiative"] == 0 || kinds["metric"] == 0 {
		t.Errorf("GET %s: marks by kind %v, want actors, initiatives and metrics", path, kinds)
	}
	for _, want := range []string{`<mark class="m-initiative" title="initiative of `, `<mark class="m-metric"`, `<mark class="m-actor"`} {
		if !strings.Contains(d.HTML, want) {
			t.Errorf("GET %s: html has no %s", path, want)
		}
	}
}

func TestAPIExport(t *testing.T) {
	f := seeded(t)
	for _, tc := range []struct {
		path, ctype, file string
	}{
		{"/api/export/initiatives", "text/csv", "dangjian-initiatives.csv"},
		{"/api/export/initiatives?format=csv&province=湖北&year=2023", "text/csv", "dangjian-initiatives-湖北-2023.csv"},
		{"/api/export/metrics?format=jsonl&province=湖北省", "application/x-ndjson", "dangjian-metrics-湖北.jsonl"},
		{"/api/export/metrics?format=xlsx&year=2023", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "dangjian-metrics-2023.xlsx"},
	} {
		resp, body := get(t, f.url, tc.path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d: %s", tc.path, resp.StatusCode, body)
			continue
		}
		wantType(t, tc.path, resp, tc.ctype)
		disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || params["filename"] != tc.file {
			t.Errorf("GET %s: Content-Disposition %q, want an attachment named %s", tc.path, resp.Header.Get("Content-Disposition"), tc.file)
		}
		// curl -OJ saves under the plain filename parameter: it must be the whole name too.
		if m := regexp.MustCompile(`filename="([^"]*)"`).FindStringSubmatch(resp.Header.Get("Content-Disposition")); m == nil || m[1] != tc.file {
			t.Errorf("GET %s: plain filename %v, want %s", tc.path, m, tc.file)
		}
		switch {
		case strings.HasSuffix(tc.file, ".csv"):
			if !bytes.HasPrefix(body, []byte("\uFEFFactor,actor_kind,province,year,initiative,")) || !bytes.Contains(body, []byte("四不两直")) {
				t.Errorf("GET %s: want a CSV with BOM, header and 四不两直; got %.200q", tc.path, body)
			}
		case strings.HasSuffix(tc.file, ".jsonl"):
			lines := strings.Split(strings.TrimSpace(string(body)), "\n")
			for _, l := range lines {
				var row collection.MetricRow
				if err := json.Unmarshal([]byte(l), &row); err != nil || row.Province != "湖北" {
					t.Errorf("GET %s: line %.80q is not a 湖北 metric: %v", tc.path, l, err)
				}
			}
		case strings.HasSuffix(tc.file, ".xlsx"):
			if !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
				t.Errorf("GET %s: body is not a ZIP (XLSX) file: %.20q", tc.path, body)
			}
		}
	}
}

func TestHealthz(t *testing.T) {
	f := seeded(t)
	resp, body := get(t, f.url, "/healthz")
	wantType(t, "/healthz", resp, "application/json")
	h := decode[health](t, "/healthz", body)
	if resp.StatusCode != http.StatusOK || h.Status != "ok" || h.Documents != 8 || !strings.HasPrefix(h.Index, "gen-") {
		t.Errorf("GET /healthz: %d %+v, want 200, ok, 8 documents and an index generation", resp.StatusCode, h)
	}
}

// TestNotIndexed serves a collection that was never rebuilt: every endpoint that needs the
// index or the tables says so with 503, exports included, although CSV starts with a BOM.
func TestNotIndexed(t *testing.T) {
	c, err := collection.Open(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	base, srv, err := start(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, path := range []string{"/healthz", "/api/search?q=党建", "/api/trend?q=党建", "/api/export/initiatives", "/api/export/metrics?format=xlsx"} {
		resp, body := get(t, base, path)
		wantType(t, path, resp, "application/json")
		if resp.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(body, []byte("dangjian rebuild")) {
			t.Errorf("GET %s: %d %s, want 503 asking for a rebuild", path, resp.StatusCode, body)
		}
	}
	resp, body := get(t, base, "/tables")
	if resp.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(body, []byte("dangjian rebuild")) {
		t.Errorf("GET /tables: %d, want 503 asking for a rebuild", resp.StatusCode)
	}
}

// TestRequestTimeout gives requests no time at all: searches must fail with 503 rather than
// run unbounded.
func TestRequestTimeout(t *testing.T) {
	f := seeded(t)
	base, srv, err := start(f.c, Options{RequestTimeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, path := range []string{"/api/search?q=党建", "/api/trend?q=党建", "/api/export/metrics"} {
		resp, body := get(t, base, path)
		if resp.StatusCode != http.StatusServiceUnavailable || !bytes.Contains(body, []byte("took longer than 1ns")) {
			t.Errorf("GET %s with a 1ns bound: %d %s, want 503", path, resp.StatusCode, body)
		}
	}
}

func TestHTTPServerTimeouts(t *testing.T) {
	s, err := New(seeded(t).c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := s.HTTPServer("127.0.0.1:0")
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout} {
		if d <= 0 {
			t.Errorf("%s = %v, want a bound", name, d)
		}
	}
	if srv.WriteTimeout <= s.opts.RequestTimeout {
		t.Errorf("WriteTimeout %v must exceed the request bound %v, or slow answers are cut without an error", srv.WriteTimeout, s.opts.RequestTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d, want a bound below the default", srv.MaxHeaderBytes)
	}
}

// TestAttachment offers the whole name to both kinds of client: filename* for browsers,
// the quoted raw name for curl -OJ.
func TestAttachment(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"dangjian-metrics.csv", `attachment; filename="dangjian-metrics.csv"; filename*=UTF-8''dangjian-metrics.csv`},
		{"dangjian-metrics-湖北-2023.csv", `attachment; filename="dangjian-metrics-湖北-2023.csv"; filename*=UTF-8''dangjian-metrics-%E6%B9%96%E5%8C%97-2023.csv`},
		{"dangjian-initiatives-新疆生产建设兵团.jsonl", `attachment; filename="dangjian-initiatives-新疆生产建设兵团.jsonl"; filename*=UTF-8''dangjian-initiatives-%E6%96%B0%E7%96%86%E7%94%9F%E4%BA%A7%E5%BB%BA%E8%AE%BE%E5%85%B5%E5%9B%A2.jsonl`},
		{"a\"b\\c.csv", `attachment; filename="abc.csv"; filename*=UTF-8''a%22b%5Cc.csv`},
	} {
		if got := attachment(tc.in); got != tc.want {
			t.Errorf("attachment(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAPIFactsAndSpread(t *testing.T) {
	f := seeded(t)
	path := "/api/facts?q=" + url.QueryEscape("kind:initiative name:四不两直") + "&size=5"
	resp, body := get(t, f.url, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, body)
	}
	raw := decode[map[string]json.RawMessage](t, path, body)
	for _, k := range []string{"query", "total", "rows", "facets"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("GET %s: no %q in the response", path, k)
		}
	}
	res := decode[collection.FactsResult](t, path, body)
	provinces := map[string]bool{}
	for _, r := range res.Rows {
		provinces[r.Province] = true
	}
	if !provinces["黑龙江"] || !provinces["湖北"] || !provinces["四川"] {
		t.Errorf("GET %s: provinces %v, want 黑龙江, 湖北 and 四川 (the fixture)", path, provinces)
	}
	path = "/api/facts?q=" + url.QueryEscape(`name:"四不`)
	if resp, body := get(t, f.url, path); resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "unterminated quote") {
		t.Errorf("GET %s: status %d %s, want 400 naming the problem", path, resp.StatusCode, body)
	}
	path = "/api/spread?name=" + url.QueryEscape("四不两直")
	resp, body = get(t, f.url, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, body)
	}
	sp := decode[collection.SpreadResult](t, path, body)
	if len(sp.Actors) != 3 || sp.Actors[0].FirstYear == nil || *sp.Actors[0].FirstYear != 2023 {
		t.Errorf("GET %s: %+v", path, sp)
	}
	if resp, _ := get(t, f.url, "/api/spread"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("GET /api/spread without a name: status %d, want 400", resp.StatusCode)
	}
}

// TestAPIExportByInitiative: by=initiative is the one-row-per-initiative table, offered
// under its own name; the metrics table refuses it.
func TestAPIExportByInitiative(t *testing.T) {
	f := seeded(t)
	resp, body := get(t, f.url, "/api/export/initiatives?by=initiative&format=csv&province=湖北")
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("\uFEFFactor,actor_kind,province,initiative,name_folded,count,first_year,last_year,documents,")) {
		t.Fatalf("status %d: %.200q", resp.StatusCode, body)
	}
	if !bytes.Contains(body, []byte(",机关党建促先行,4,2023,2023,1,")) {
		t.Errorf("湖北's 機關黨建促先行 is not one row of 4 mentions in 1 document:\n%s", body)
	}
	if got := resp.Header.Get("Content-Disposition"); !strings.Contains(got, `filename="dangjian-initiatives-湖北-by-initiative.csv"`) {
		t.Errorf("Content-Disposition %q", got)
	}
	if resp, body := get(t, f.url, "/api/export/metrics?by=initiative"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("metrics by=initiative: status %d: %s", resp.StatusCode, body)
	}
	resp, body = get(t, f.url, "/tables?province=湖北")
	if !bytes.Contains(body, []byte(`href="/api/export/initiatives?by=initiative&amp;format=csv&amp;province=`)) {
		t.Errorf("the tables page offers no one-row-per-initiative download (status %d)", resp.StatusCode)
	}
}

// TestDocPagePrintedPage: an e-paper article's page shows where it was printed.
func TestDocPagePrintedPage(t *testing.T) {
	ctx := context.Background()
	c, err := collection.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	text := "述职评议考核推动基层党建提质增效\n某市召开党委书记抓基层党建工作述职评议考核会，县、乡、村三级书记同台述职。"
	if _, _, err := c.Store.Add(ctx, &corpus.Document{URL: "http://paper.people.com.cn/rmrb/pc/content/202412/24/content_30045001.html",
		Source: "人民日报", Title: "述职评议考核推动基层党建提质增效", Published: "2024-12-24", Format: "html", Raw: []byte(text),
		Text: text, Clean: text, Hash: corpus.ContentHash(text), Relevant: true, Page: 6, Section: "要闻"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	base, srv, err := start(c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	resp, body := get(t, base, "/doc/1")
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("<dt>printed on</dt><dd>page 6 · 要闻</dd>")) {
		t.Errorf("status %d, no printed-on line:\n%.2000s", resp.StatusCode, body)
	}
}
