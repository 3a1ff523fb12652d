package web

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/dangjian/dangjian/collection"
)

func page(t *testing.T, path string, status int) string {
	t.Helper()
	resp, body := get(t, seeded(t).url, path)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d: %.300s", path, resp.StatusCode, status, body)
	}
	wantType(t, path, resp, "text/html")
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("GET %s: Content-Security-Policy %q lets inline script run", path, csp)
	}
	return string(body)
}

func TestSearchPage(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape("四不两直"), http.StatusOK)
	for _, want := range []string{
		`<mark>四不两直</mark>`,
		`data-facet="province" data-value="湖北"`,
		`data-facet="year" data-value="2023"`,
		`class="cell" data-province="黑龙江" data-year="2023"`,
		`class="cell" data-province="湖北" data-year="2023"`,
		`<summary>query syntax</summary>`,
		`href="/doc/`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("search page for 四不两直 has no %s", want)
		}
	}
	// Facet and heatmap links carry the query and the filter.
	facet := regexp.MustCompile(`<a href="([^"]+)" data-facet="province" data-value="湖北"`).FindStringSubmatch(html)
	if facet == nil {
		t.Fatal("no 湖北 facet link")
	}
	u, _ := url.Parse(strings.ReplaceAll(facet[1], "&amp;", "&"))
	if u.Query().Get("q") != "四不两直" || u.Query().Get("province") != "湖北" {
		t.Errorf("湖北 facet links to %s, want q=四不两直 and province=湖北", facet[1])
	}

	filtered := page(t, "/?q="+url.QueryEscape("四不两直")+"&province="+url.QueryEscape("湖北"), http.StatusOK)
	if !strings.Contains(filtered, `province: 湖北 ×`) || !strings.Contains(filtered, `data-value="湖北" class="active"`) {
		t.Error("filtered page shows no active 湖北 filter")
	}
	if strings.Count(filtered, `<li class="hit"`) >= strings.Count(html, `<li class="hit"`) {
		t.Error("filtering on 湖北 did not narrow the hits")
	}
	if !strings.Contains(filtered, `class="cell selected" data-province="湖北" data-year="2023"`) &&
		!strings.Contains(filtered, "/tables?province=") {
		t.Error("filtered page neither marks the 湖北 cell nor links to the 湖北 tables")
	}
}

// TestAssets checks that the page needs nothing from outside the binary: its script and
// style come from /static with their content types, and no page refers to another host.
func TestAssets(t *testing.T) {
	f := seeded(t)
	for _, tc := range []struct{ path, ctype, has string }{
		{"/static/app.js", "text/javascript", "heattip"},
		{"/static/style.css", "text/css", "Noto Sans CJK SC"},
	} {
		resp, body := get(t, f.url, tc.path)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), tc.has) {
			t.Errorf("GET %s: status %d, want 200 with %s", tc.path, resp.StatusCode, tc.has)
		}
		wantType(t, tc.path, resp, tc.ctype)
	}
	external := regexp.MustCompile(`(?i)<(script|link|img)[^>]+(src|href)="(https?:)?//`)
	for _, path := range []string{"/?q=" + url.QueryEscape("四不两直"), "/doc/1", "/tables"} {
		if m := external.FindString(page(t, path, http.StatusOK)); m != "" {
			t.Errorf("GET %s refers to another host: %s", path, m)
		}
	}
}

func TestSearchPageErrors(t *testing.T) {
	for _, tc := range []struct {
		path   string
		status int
		msg    string
	}{
		{"/?q=党建&page=0", 400, `bad page &#34;0&#34;`},
		{"/?q=党建&province=火星", 400, "unknown province"},
		{"/?q=" + strings.Repeat("党", 300), 400, "too long"},
	} {
		html := page(t, tc.path, tc.status)
		if !strings.Contains(html, `class="error"`) || !strings.Contains(html, tc.msg) {
			t.Errorf("GET %s: page shows no error with %q", tc.path, tc.msg)
		}
	}
	home := page(t, "/", http.StatusOK)
	if !strings.Contains(home, `<details class="syntax" open>`) {
		t.Error("home page does not open the query syntax")
	}
	for _, path := range []string{"/nowhere", "/doc/99999"} {
		if html := page(t, path, http.StatusNotFound); !strings.Contains(html, "404") {
			t.Errorf("GET %s: no 404 page", path)
		}
	}
	page(t, "/doc/x", http.StatusBadRequest)
}

func TestDocPage(t *testing.T) {
	html := page(t, "/doc/1?q="+url.QueryEscape("四不两直"), http.StatusOK)
	for _, want := range []string{
		`<mark class="m-initiative" title="initiative of`,
		`<mark class="m-metric" title="metric of`,
		`<mark class="m-actor" title="actor: `,
		`href="/?q=%E5%9B%9B%E4%B8%8D%E4%B8%A4%E7%9B%B4">← back to the hits`,
		`(imported file)`,
		`<h2>initiatives (`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("document page has no %s", want)
		}
	}
}

// TestDocPageCopies checks that a report's near-duplicate copies (seed 003 reprints seed
// 000) are linked from its page.
func TestDocPageCopies(t *testing.T) {
	f := seeded(t)
	v, err := f.c.Show(t.Context(), filepath.Join(shared, "seeds", "000_9cc716cc01e6bbdf.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Duplicates) == 0 {
		t.Fatal("seed 000 has no copies, want its reprint 003")
	}
	html := page(t, "/doc/"+strconv.FormatInt(v.ID, 10), http.StatusOK)
	for _, d := range v.Duplicates {
		if want := `<a href="/doc/` + strconv.FormatInt(d.ID, 10) + `">`; !strings.Contains(html, want) {
			t.Errorf("document %d's page does not link its copy %d", v.ID, d.ID)
		}
	}
}

func TestTablesPage(t *testing.T) {
	html := page(t, "/tables?province="+url.QueryEscape("湖北省")+"&year=2023", http.StatusOK)
	for _, want := range []string{
		`<td>四不两直</td>`,
		`href="/api/export/initiatives?format=csv&amp;province=%E6%B9%96%E5%8C%97&amp;year=2023"`,
		`href="/api/export/metrics?format=xlsx&amp;province=%E6%B9%96%E5%8C%97&amp;year=2023"`,
		`data-province="湖北" class="active"`,
		`data-province="黑龙江"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("tables page for 湖北 2023 has no %s", want)
		}
	}
	if strings.Contains(html, "<td>黑龙江</td>") {
		t.Error("tables page for 湖北 lists rows of 黑龙江")
	}
	page(t, "/tables?province=火星", http.StatusBadRequest)
	page(t, "/tables?year=abc", http.StatusBadRequest)
	page(t, "/tables", http.StatusOK)

	// A facts query narrows both tables, and the downloads export what is shown.
	q := "name:四不两直"
	html = page(t, "/tables?q="+url.QueryEscape(q), http.StatusOK)
	if !strings.Contains(html, `<td>四不两直</td>`) || strings.Contains(html, `<td>双融双强</td>`) ||
		!strings.Contains(html, `value="name:四不两直"`) || !strings.Contains(html, "q=name%3A%E5%9B%9B%E4%B8%8D%E4%B8%A4%E7%9B%B4") {
		t.Errorf("tables page for %s:\n%s", q, html)
	}
	// The province counts are the query's, and clicking one keeps the query.
	if !strings.Contains(html, `data-province="黑龙江"`) || strings.Contains(html, `data-province="浙江"`) ||
		!strings.Contains(html, "province=%E9%BB%91%E9%BE%99%E6%B1%9F&amp;q=name%3A") {
		t.Errorf("tables page for %s: province links do not follow the query", q)
	}
	page(t, "/tables?q="+url.QueryEscape(`name:"四不`), http.StatusBadRequest)
}

// TestMarkupShowsAsText renders every view of the hostile fixtures and checks, with an
// HTML tokenizer, that none of their markup arrives as markup: no script but the page's
// own, no frame or image, no event handler, no javascript: link; and that it shows as text.
func TestMarkupShowsAsText(t *testing.T) {
	f := seeded(t)
	res, err := f.c.Search(t.Context(), hostileWord, collection.SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/?q=" + url.QueryEscape(hostileWord), "/tables?province=" + url.QueryEscape("湖南"), "/tables"}
	for _, h := range res.Hits {
		if strings.Contains(h.URL, "hostile") {
			paths = append(paths, "/doc/"+strconv.FormatInt(h.ID, 10))
		}
	}
	if len(paths) != 5 {
		t.Fatalf("search %s found %d hostile fixtures, want 2", hostileWord, len(paths)-3)
	}
	for _, path := range paths {
		if problems, text := inspectHTML(page(t, path, http.StatusOK)); len(problems) > 0 {
			t.Errorf("GET %s: document markup reached the page as markup: %q", path, problems)
		} else if !strings.Contains(text, "window.__xss") || !strings.Contains(text, "<") {
			t.Errorf("GET %s: the hostile markup does not show as text", path)
		}
	}
}

// inspectHTML lists the dangerous elements and attributes of a page and returns its text.
func inspectHTML(page string) (problems []string, text string) {
	z := xhtml.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return problems, b.String()
		case xhtml.TextToken:
			b.Write(z.Text())
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "iframe", "img", "object", "embed", "frame":
				problems = append(problems, tok.String())
			case "script":
				if len(tok.Attr) != 2 || tok.Attr[0].Val != "/static/app.js" {
					problems = append(problems, tok.String())
				}
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(v, "javascript:") {
					problems = append(problems, tok.String())
				}
			}
		}
	}
}

// TestSpreadTimeline shows, beside the heatmap, where the initiative a query names
// appeared first.
func TestSpreadTimeline(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape("四不两直"), http.StatusOK)
	for _, want := range []string{`<ol class="timeline">`, `<span class="a">黑龙江</span>`, `<span class="a">湖北</span>`, `<span class="y">2023</span>`} {
		if !strings.Contains(html, want) {
			t.Errorf("search page for 四不两直 has no %s", want)
		}
	}
	if html := page(t, "/?q="+url.QueryEscape("形式主义"), http.StatusOK); strings.Contains(html, `class="timeline"`) {
		t.Error("a timeline is shown for a query that names no initiative")
	}
}

// TestKWICPage shows every occurrence in context, sorts on request, and offers the lines
// as downloads.
func TestKWICPage(t *testing.T) {
	html := page(t, "/kwic?q="+url.QueryEscape("四不两直")+"&width=8&sort=right", http.StatusOK)
	for _, want := range []string{`<td class="m"><mark>四不两直</mark></td>`, `href="/api/kwic?format=csv&amp;q=`, `<option value="right" selected>`} {
		if !strings.Contains(html, want) {
			t.Errorf("concordance page has no %s", want)
		}
	}
	if n := strings.Count(html, `<td class="m">`); n != 2 || !strings.Contains(html, "四川开展基层党建专项督导") {
		t.Errorf("%d lines for 四不两直, want seed 000's (its reprint 003 once) and the 四川 fixture's", n)
	}
	page(t, "/kwic?q="+url.QueryEscape("四不两直")+"&sort=size", http.StatusBadRequest)
	page(t, "/kwic", http.StatusOK)
}

func TestAPIKWIC(t *testing.T) {
	f := seeded(t)
	path := "/api/kwic?q=" + url.QueryEscape("四不两直")
	resp, body := get(t, f.url, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	res := decode[struct {
		Total int
		Lines []collection.KWICLine
	}](t, path, body)
	if res.Total == 0 || res.Total != len(res.Lines) || res.Lines[0].Match != "四不两直" {
		t.Errorf("GET %s: %+v", path, res)
	}
	resp, body = get(t, f.url, path+"&format=csv")
	if resp.StatusCode != http.StatusOK || strings.Count(string(body), "\n") != res.Total+1 {
		t.Errorf("GET %s&format=csv: %d, %d lines for %d occurrences", path, resp.StatusCode, strings.Count(string(body), "\n"), res.Total)
	}
	if resp, _ := get(t, f.url, "/api/kwic"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("GET /api/kwic without q: %d", resp.StatusCode)
	}
}

// TestLineChart draws the query per million characters under the results when the text
// of its provinces spans more than one year.
func TestLineChart(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape(hostileWord), http.StatusOK)
	if !strings.Contains(html, `<svg xmlns="http://www.w3.org/2000/svg" class="chart"`) || !strings.Contains(html, "<title>湖南 2024:") {
		t.Errorf("no line chart for %s", hostileWord)
	}
	if html := page(t, "/?q="+url.QueryEscape("鑫鑫不存在"), http.StatusOK); strings.Contains(html, `class="chart"`) {
		t.Error("a chart for a query found nowhere")
	}
}

// TestSmallThings: the icon, the query box's limit matching the server's, heatmap links
// reachable by screen readers.
func TestSmallThings(t *testing.T) {
	f := seeded(t)
	resp, body := get(t, f.url, "/static/favicon.svg")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<svg") {
		t.Errorf("favicon: %d", resp.StatusCode)
	}
	html := page(t, "/?q="+url.QueryEscape("四不两直"), http.StatusOK)
	if !strings.Contains(html, `rel="icon"`) || !strings.Contains(html, `maxlength="256"`) || strings.Contains(html, `maxlength="1024"`) {
		t.Error("page lacks the icon link or keeps a query limit the server refuses")
	}
	if strings.Contains(html, `class="heatmap" id="heatmap"`) && strings.Contains(html, `role="img" aria-label="passage counts`) {
		t.Error("the heatmap hides its links from screen readers (role=img)")
	}
}

// TestBadFilterCanBeRemoved: a refused filter shows as a chip whose link drops it.
func TestBadFilterCanBeRemoved(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape("四不两直")+"&province="+url.QueryEscape("火星"), http.StatusBadRequest)
	if !strings.Contains(html, `class="chip" href="/?q=%E5%9B%9B%E4%B8%8D%E4%B8%A4%E7%9B%B4"`) || !strings.Contains(html, "province: 火星 ×") {
		t.Errorf("no way to remove the bad filter:\n%s", html)
	}
	page(t, "/?q="+url.QueryEscape("四不两直"), http.StatusOK)
}

// TestFacetsSayWhatTheyCount labels each facet with its unit and lists years newest first.
func TestFacetsSayWhatTheyCount(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape(hostileWord), http.StatusOK)
	for _, want := range []string{"<h3>province · passages</h3>", "<h3>year · articles</h3>", "<h3>source · articles</h3>"} {
		if !strings.Contains(html, want) {
			t.Errorf("search page has no %s", want)
		}
	}
	html = page(t, "/?q="+url.QueryEscape("群众"), http.StatusOK) // in the 2023 seeds and a 2024 fixture
	if i, j := strings.Index(html, `data-facet="year" data-value="2024"`), strings.Index(html, `data-facet="year" data-value="2023"`); i < 0 || j < 0 || i > j {
		t.Errorf("years not newest first (2024 at %d, 2023 at %d)", i, j)
	}
}

// TestUnknownYearCellIsNoFilter: the heatmap's "?" column shows its counts but links
// nowhere, since no filter selects articles without a year.
func TestUnknownYearCellIsNoFilter(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape("形严实软"), http.StatusOK) // seed 001 states no year
	if !strings.Contains(html, `<g class="cell unknown" data-province="重庆" data-year="?"`) {
		t.Errorf("no unlinked ? cell for 重庆:\n%s", html)
	}
	if strings.Contains(html, `class="cell" data-province="重庆" data-year="?"`) {
		t.Error("the ? cell links to a search without the year filter")
	}
}

// TestDocumentMarksTheQuery: a document opened from the hits marks the query, traditional
// or simplified, and offers a jump to its first place.
func TestDocumentMarksTheQuery(t *testing.T) {
	html := page(t, "/doc/1?q="+url.QueryEscape("四不兩直"), http.StatusOK)
	if !strings.Contains(html, `<mark class="m-initiative m-query" id="hit"`) || !strings.Contains(html, `href="#hit"`) {
		t.Errorf("document 1 does not mark 四不兩直:\n%s", html)
	}
	if html := page(t, "/doc/1", http.StatusOK); strings.Contains(html, "m-query") {
		t.Error("a query is marked without one")
	}
}

// TestConflictingFilterIsStated: a province in the query and another in the form are
// refused with both named, and the form's can be removed.
func TestConflictingFilterIsStated(t *testing.T) {
	html := page(t, "/?q="+url.QueryEscape("四不两直 province:湖北")+"&province="+url.QueryEscape("福建"), http.StatusBadRequest)
	if !strings.Contains(html, "province:湖北 and the filter for province 福建") || !strings.Contains(html, "province: 福建 ×") {
		t.Errorf("the conflict is not stated with a way out:\n%s", html)
	}
}

// TestProvinceCountIsWhatAClickGives: the province facet counts passages, and the page a
// click on it opens says that many passages, beside the articles it lists.
func TestProvinceCountIsWhatAClickGives(t *testing.T) {
	f := seeded(t)
	res, err := f.c.Search(t.Context(), "述职", collection.SearchOptions{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for pv, n := range res.Facets["province"] {
		html := page(t, "/?q="+url.QueryEscape("述职")+"&province="+url.QueryEscape(pv), http.StatusOK)
		want := fmt.Sprintf(" with %d passage", n)
		if !strings.Contains(html, want) || !strings.Contains(html, "about "+pv) {
			t.Errorf("%s: the facet says %d passages, the page does not (%q)", pv, n, want)
		}
		if checked++; checked == 5 {
			break
		}
	}
	if checked == 0 {
		t.Fatal("no province facet for 述职")
	}
}
