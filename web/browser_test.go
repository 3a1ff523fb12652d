package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/dangjian/dangjian/collection"
)

// chromium is Debian's browser, which .ci/run installs; the tests never download one.
const chromium = "/usr/bin/chromium"

// screenshotDir is where the browser tests leave their screenshots (ignored by git).
const screenshotDir = "testdata/out"

// newBrowser starts headless Chromium for one test with the flags this machine needs (no
// sandbox as root, no background connections to a network that refuses them) and a fresh
// profile. Without Chromium the test is skipped, except on CI, where it fails.
func newBrowser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s is missing: .ci/run installs Debian's chromium", chromium)
		}
		t.Skipf("skipping the browser test: %s is missing (apt-get install chromium; on CI this fails)", chromium)
	}
	profile, err := os.MkdirTemp("", "dangjian-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		// Chromium's helpers may still write to the profile for a moment after it exits.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	return ctx
}

// screenshot saves the whole page as DIR/name.png.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(screenshotDir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(path)
	t.Logf("screenshot: %s", abs)
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// clickAndLoad clicks and waits for the page that the click opens.
func clickAndLoad(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
}

// noSideways reports whether the page fits the window's width (no horizontal scrolling of
// the page itself; wide tables and the heatmap scroll inside their own boxes).
func noSideways(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	if over := eval[int](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
		t.Errorf("%s: the page is %d px wider than the window", where, over)
	}
}

// TestBrowserResearcherFlow is the acceptance walk: search for 四不两直, see the marks,
// narrow by the 湖北 facet, read the heatmap, download the CSV and open a document.
func TestBrowserResearcherFlow(t *testing.T) {
	f := seeded(t)
	ctx := newBrowser(t, 1280, 900)

	do(t, ctx, "open the search page",
		chromedp.Navigate(f.url+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "四不两直"),
	)
	if got := eval[string](t, ctx, `document.getElementById("q").value`); got != "四不两直" {
		t.Fatalf("typed 四不两直, the box holds %q", got)
	}
	clickAndLoad(t, ctx, "#go")
	do(t, ctx, "wait for hits", chromedp.WaitVisible(chromedp.CSS(".hit mark")))
	marks := eval[[]string](t, ctx, `[...document.querySelectorAll(".hit mark")].map(m => m.textContent)`)
	if len(marks) == 0 || marks[0] != "四不两直" {
		t.Errorf("marked in the hits: %q, want 四不两直", marks)
	}
	before := eval[int](t, ctx, `document.querySelectorAll(".hit").length`)

	// The heatmap has cells for 黑龙江 and 湖北 in 2023, and hovering one tells its count.
	for _, pv := range []string{"黑龙江", "湖北"} {
		n := eval[string](t, ctx, fmt.Sprintf(`(document.querySelector('.heatmap .cell[data-province="%s"][data-year="2023"]') || {getAttribute: () => ""}).getAttribute("data-count")`, pv))
		if n == "" || n == "0" {
			t.Errorf("heatmap cell %s × 2023: count %q, want passages", pv, n)
		}
	}
	box := eval[[]float64](t, ctx, `(r => [r.x + r.width/2, r.y + r.height/2])(document.querySelector('.heatmap .cell[data-province="湖北"][data-year="2023"] rect').getBoundingClientRect())`)
	do(t, ctx, "hover the 湖北 × 2023 cell", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0], box[1]))
	if tip := eval[string](t, ctx, `(t => t && !t.hidden ? t.textContent : "")(document.getElementById("heattip"))`); !strings.HasPrefix(tip, "湖北 · 2023: ") {
		t.Errorf("hovering the 湖北 × 2023 cell shows %q, want its count", tip)
	}
	screenshot(t, ctx, "1-search-四不两直")
	noSideways(t, ctx, "search page at 1280 px")

	// The 湖北 facet narrows the hits.
	clickAndLoad(t, ctx, `a[data-facet="province"][data-value="湖北"]`)
	do(t, ctx, "wait for the filtered hits", chromedp.WaitVisible(chromedp.CSS(".chip")))
	loc := eval[string](t, ctx, `location.search`)
	if q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?")); q.Get("province") != "湖北" || q.Get("q") != "四不两直" {
		t.Errorf("after the 湖北 facet the page is at %s", loc)
	}
	after := eval[int](t, ctx, `document.querySelectorAll(".hit").length`)
	if after == 0 || after >= before {
		t.Errorf("the 湖北 facet left %d hits of %d, want fewer but some", after, before)
	}
	screenshot(t, ctx, "2-search-湖北")

	// Clicking a heatmap cell filters on its province and year.
	clickAndLoad(t, ctx, `.heatmap .cell[data-province="黑龙江"][data-year="2023"]`)
	loc = eval[string](t, ctx, `location.search`)
	if q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?")); q.Get("province") != "黑龙江" || q.Get("year") != "2023" {
		t.Errorf("after clicking the 黑龙江 × 2023 cell the page is at %s", loc)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".hit mark").length`); n == 0 {
		t.Error("the 黑龙江 × 2023 cell leads to no marked hits")
	}

	// The tables page downloads the CSV export.
	dir, err := os.MkdirTemp("", "dangjian-download-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true)}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	do(t, ctx, "open the 湖北 tables", chromedp.Navigate(f.url+"/tables?province="+url.QueryEscape("湖北")),
		chromedp.WaitVisible(chromedp.CSS(`a[data-table="initiatives"][data-format="csv"]`)))
	screenshot(t, ctx, "3-tables-湖北")
	begun := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	do(t, ctx, "click the CSV export", chromedp.Click(chromedp.CSS(`a[data-table="initiatives"][data-format="csv"]`)))
	var suggested string
	for ev, err := range begun {
		if err != nil {
			t.Fatalf("wait for the download: %v", err)
		}
		suggested = ev.SuggestedFilename
		break
	}
	var guid string
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("wait for the download to finish: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the CSV download was cancelled")
		}
	}
	if suggested != "dangjian-initiatives-湖北.csv" {
		t.Errorf("the download is named %q, want dangjian-initiatives-湖北.csv", suggested)
	}
	csv, err := os.ReadFile(filepath.Join(dir, guid))
	if err != nil {
		t.Fatalf("read the downloaded CSV: %v", err)
	}
	if !bytes.HasPrefix(csv, []byte("\uFEFFactor,")) || !bytes.Contains(csv, []byte("四不两直")) {
		t.Errorf("the downloaded CSV (%d bytes) lacks the BOM and header or 四不两直: %.200q", len(csv), csv)
	}

	// A document opened from the hits shows its text with the items marked.
	do(t, ctx, "search again", chromedp.Navigate(f.url+"/?q="+url.QueryEscape("四不两直")), chromedp.WaitVisible(chromedp.CSS(".hit h2 a")))
	clickAndLoad(t, ctx, ".hit h2 a")
	do(t, ctx, "wait for the document", chromedp.WaitVisible(chromedp.ID("doctext")))
	for _, kind := range []string{"actor", "initiative", "metric"} {
		if n := eval[int](t, ctx, `document.querySelectorAll("#doctext mark.m-`+kind+`").length`); n == 0 {
			t.Errorf("the document view marks no %s", kind)
		}
	}
	if text := eval[string](t, ctx, `document.getElementById("doctext").textContent`); !strings.Contains(text, "四不两直") {
		t.Error("the document view's text lacks 四不两直")
	}
	screenshot(t, ctx, "4-document")
	noSideways(t, ctx, "document page at 1280 px")
}

// TestBrowserPhoneWidth checks that the pages fit a phone's width.
func TestBrowserPhoneWidth(t *testing.T) {
	f := seeded(t)
	ctx := newBrowser(t, 390, 844)
	for _, p := range []struct{ name, path, wait string }{
		{"5-phone-search", "/?q=" + url.QueryEscape("述职"), ".hit mark"},
		{"6-phone-document", "/doc/1", "#doctext"},
		{"7-phone-tables", "/tables?province=" + url.QueryEscape("浙江"), "#initiative-table"},
		{"8-phone-kwic", "/kwic?q=" + url.QueryEscape("述职") + "&sort=left", "#kwic-table"},
		{"9-phone-chart", "/?q=" + url.QueryEscape(hostileWord), "svg.chart"},
	} {
		do(t, ctx, "open "+p.path, chromedp.Navigate(f.url+p.path), chromedp.WaitVisible(chromedp.CSS(p.wait)))
		noSideways(t, ctx, p.name)
		screenshot(t, ctx, p.name)
	}
}

// TestBrowserMarkupDoesNotRun opens every view of the hostile fixtures, whose title, text,
// initiative and metric carry script tags, event handlers and javascript: links, hovers and
// clicks their marks, and checks that nothing ran and the markup shows as text.
func TestBrowserMarkupDoesNotRun(t *testing.T) {
	f := seeded(t)
	res, err := f.c.Search(t.Context(), hostileWord, collection.SearchOptions{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/?q=" + url.QueryEscape(hostileWord), "/tables?province=" + url.QueryEscape("湖南")}
	for _, h := range res.Hits {
		if strings.Contains(h.URL, "hostile") {
			paths = append(paths, fmt.Sprintf("/doc/%d", h.ID))
		}
	}
	if len(paths) != 4 {
		t.Fatalf("want the 2 hostile fixtures among the hits for %s, found %d", hostileWord, len(paths)-2)
	}
	ctx := newBrowser(t, 1280, 900)
	for i, path := range paths {
		do(t, ctx, "open "+path, chromedp.Navigate(f.url+path), chromedp.WaitReady(chromedp.CSS("footer")))
		// Hover every mark and piece of text, as a reader would.
		eval[bool](t, ctx, `[...document.querySelectorAll("mark, td, .snippet, h1, h2")].forEach(e => {
			for (const type of ["mouseover", "mouseenter", "click"]) e.dispatchEvent(new MouseEvent(type, {bubbles: true}));
		}); true`)
		if ran := eval[string](t, ctx, `String(window.__xss)`); ran != "undefined" {
			t.Errorf("GET %s: a payload of the document ran (window.__xss = %s)", path, ran)
		}
		injected := eval[[]string](t, ctx, `[...document.querySelectorAll("main img, main iframe, main script, main b, main svg:not(.heatmap):not(.chart), main [onerror], main [onload], main [onmouseover], main a[href^='javascript']")].map(e => e.outerHTML)`)
		if len(injected) > 0 {
			t.Errorf("GET %s: the document's markup became elements: %q", path, injected)
		}
		if text := eval[string](t, ctx, `document.querySelector("main").innerText`); !strings.Contains(text, "window.__xss") {
			t.Errorf("GET %s: the hostile markup does not show as text", path)
		}
		screenshot(t, ctx, fmt.Sprintf("8-hostile-%d", i))
	}
}

// TestBrowserWithoutJavaScript walks the search with scripts turned off: the page is plain
// HTML with forms and links, so searching and filtering must work all the same.
func TestBrowserWithoutJavaScript(t *testing.T) {
	f := seeded(t)
	ctx := newBrowser(t, 1280, 900)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatalf("turn off scripts: %v", err)
	}
	do(t, ctx, "search", chromedp.Navigate(f.url+"/"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "四不两直"))
	clickAndLoad(t, ctx, "#go")
	do(t, ctx, "wait for hits", chromedp.WaitVisible(chromedp.CSS(".hit mark")))
	if eval[bool](t, ctx, `document.getElementById("heattip") !== null`) {
		t.Fatal("app.js ran: scripts are not turned off")
	}
	before := eval[int](t, ctx, `document.querySelectorAll(".hit").length`)
	clickAndLoad(t, ctx, `a[data-facet="province"][data-value="湖北"]`)
	do(t, ctx, "wait for the filtered hits", chromedp.WaitVisible(chromedp.CSS(".chip")))
	if after := eval[int](t, ctx, `document.querySelectorAll(".hit").length`); after == 0 || after >= before {
		t.Errorf("without JavaScript the 湖北 facet left %d hits of %d, want fewer but some", after, before)
	}
	screenshot(t, ctx, "9-no-javascript")
}

// TestBrowserConcordanceAndChart opens the concordance and the line chart at desktop
// widths: every line shows its match, the chart draws its lines, nothing overflows.
func TestBrowserConcordanceAndChart(t *testing.T) {
	f := seeded(t)
	for _, w := range []int{1366, 1920} {
		ctx := newBrowser(t, w, 900)
		do(t, ctx, "open kwic", chromedp.Navigate(f.url+"/kwic?q="+url.QueryEscape("述职")+"&width=12"), chromedp.WaitVisible(chromedp.CSS("#kwic-table")))
		if n := eval[int](t, ctx, `document.querySelectorAll("#kwic-table td.m mark").length`); n < 10 {
			t.Errorf("%d px: %d concordance lines for 述职", w, n)
		}
		noSideways(t, ctx, fmt.Sprintf("concordance at %d px", w))
		do(t, ctx, "open chart", chromedp.Navigate(f.url+"/?q="+url.QueryEscape(hostileWord)), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
		if n := eval[int](t, ctx, `document.querySelectorAll("svg.chart path").length`); n == 0 {
			t.Errorf("%d px: the chart draws no line", w)
		}
		// The chart sits under the results and takes none of their width (the hit list's own
		// width beside the heatmap is issue 17's).
		if cw := eval[float64](t, ctx, `document.querySelector("svg.chart").getBoundingClientRect().width`); cw > 760 || cw < 300 {
			t.Errorf("%d px: the chart is %.0f px wide", w, cw)
		}
		noSideways(t, ctx, fmt.Sprintf("search page with the chart at %d px", w))
	}
}

// TestBrowserHitColumnKeepsItsWidth measures the hit list beside the facets and the
// heatmap: at 1366 px it keeps 560 px whatever the query, and a 1920 px window is used.
func TestBrowserHitColumnKeepsItsWidth(t *testing.T) {
	f := seeded(t)
	for _, w := range []int{1366, 1920} {
		ctx := newBrowser(t, w, 900)
		for _, q := range []string{"四不两直", "述职", "的", hostileWord} {
			do(t, ctx, "open "+q, chromedp.Navigate(f.url+"/?q="+url.QueryEscape(q)), chromedp.WaitVisible(chromedp.CSS(".hits")))
			hits := eval[float64](t, ctx, `document.querySelector(".hits").getBoundingClientRect().width`)
			if hits < 560 {
				t.Errorf("%d px, %s: the hit list is %.0f px wide", w, q, hits)
			}
			if main := eval[float64](t, ctx, `document.querySelector("main").getBoundingClientRect().width`); w == 1920 && main <= 1240 {
				t.Errorf("1920 px, %s: the page is %.0f px wide", q, main)
			}
			noSideways(t, ctx, fmt.Sprintf("search %s at %d px", q, w))
		}
	}
}

// TestBrowserManyYears serves the seeds with the 88 real reports of 1921–2025 beside them
// (a heatmap of up to 70 years) and checks at 390, 1366 and 1920 px that the hit list keeps
// its width, nothing overflows, and the tables page's totals equal its downloads' rows.
func TestBrowserManyYears(t *testing.T) {
	corpora, _ := filepath.Glob(filepath.Join(shared, "corpora", "*.jsonl"))
	seeds, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if len(corpora) != 2 || len(seeds) != 5 {
		t.Fatalf("want the corpora and seeds in %s", shared)
	}
	ctx := t.Context()
	c, err := collection.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Import(ctx, append(seeds, corpora...), nil); err != nil {
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
	for _, w := range []int{390, 1366, 1920} {
		bctx := newBrowser(t, w, 900)
		for _, q := range []string{"建设", "的", "改革开放", "四不两直"} {
			do(t, bctx, "open "+q, chromedp.Navigate(base+"/?q="+url.QueryEscape(q)), chromedp.WaitVisible(chromedp.CSS(".hits")))
			if hits := eval[float64](t, bctx, `document.querySelector(".hits").getBoundingClientRect().width`); w == 1366 && hits < 560 {
				t.Errorf("%d px, %s: the hit list is %.0f px wide", w, q, hits)
			}
			noSideways(t, bctx, fmt.Sprintf("%s over 70 years at %d px", q, w))
		}
	}
	// The page's totals are the downloads' row counts.
	html := pageAt(t, base, "/tables")
	for _, table := range []string{"initiatives", "metrics"} {
		m := regexp.MustCompile(`id="` + table + `">` + table + ` <span class="n">\((\d+)\)`).FindStringSubmatch(html)
		if m == nil {
			t.Fatalf("no %s total on the tables page", table)
		}
		resp, body := get(t, base, "/api/export/"+table+"?format=jsonl")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("export %s: %d", table, resp.StatusCode)
		}
		if rows := strings.Count(string(body), "\n"); strconv.Itoa(rows) != m[1] {
			t.Errorf("%s: the page says %s rows, the download has %d", table, m[1], rows)
		}
	}
}

func pageAt(t *testing.T, base, path string) string {
	t.Helper()
	resp, body := get(t, base, path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(body)
}
