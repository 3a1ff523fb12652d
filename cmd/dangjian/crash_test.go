package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/corpus"
)

// The crash tests kill real dangjian processes with SIGKILL at random points (seeded and
// logged, DANGJIAN_CRASH_SEED repeats a run): an import after a random file, a crawl at a
// random article request, each plus a pause of a few milliseconds so kills also fall
// between the steps of storing a page; a rebuild at a random time within a clean rebuild's
// duration. Kills are placed by progress, not by the clock alone, so a slow or loaded
// machine still kills runs in the middle. They check after every kill that the database
// passes PRAGMA integrity_check, that every document committed before the kill is intact,
// that the next run completes, and that the end state equals that of a run never killed.
// DANGJIAN_CRASH_KILLS sets the kills per command (20 by default, as CI runs them); set
// DANGJIAN_CRASH_LONG=1 for larger inputs as well.

// crashBinDir holds the binary the process tests run; TestMain removes it.
var crashBinDir string

var crashBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "dangjian-crash-bin-")
	if err != nil {
		return "", err
	}
	crashBinDir = dir
	bin := filepath.Join(dir, "dangjian")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// crashRun is one crash test: the binary, the random source and the number of kills.
type crashRun struct {
	t     *testing.T
	bin   string
	rng   *rand.Rand
	kills int
	long  bool
}

func newCrashRun(t *testing.T) *crashRun {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and kills processes")
	}
	bin, err := crashBinary()
	if err != nil {
		t.Fatal(err)
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("DANGJIAN_CRASH_SEED"); s != "" {
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("DANGJIAN_CRASH_SEED: %v", err)
		}
	}
	kills := 20
	if s := os.Getenv("DANGJIAN_CRASH_KILLS"); s != "" {
		if kills, err = strconv.Atoi(s); err != nil || kills < 1 {
			t.Fatalf("DANGJIAN_CRASH_KILLS=%q: want a positive number", s)
		}
	}
	t.Logf("seed %d (DANGJIAN_CRASH_SEED=%d repeats this run), %d kills", seed, seed, kills)
	return &crashRun{t: t, bin: bin, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), kills: kills,
		long: os.Getenv("DANGJIAN_CRASH_LONG") != ""}
}

// run runs the binary to completion, failing the test if it does not succeed, and returns
// how long it took.
func (cr *crashRun) run(args ...string) time.Duration {
	cr.t.Helper()
	start := time.Now()
	out, err := exec.Command(cr.bin, args...).CombinedOutput()
	if err != nil {
		cr.t.Fatalf("dangjian %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return time.Since(start)
}

// start starts the binary; wait returns whether SIGKILL ended it.
func (cr *crashRun) start(cmd *exec.Cmd) (kill func(), wait func() bool) {
	cr.t.Helper()
	if err := cmd.Start(); err != nil {
		cr.t.Fatal(err)
	}
	var once sync.Once
	done := make(chan bool, 1)
	go func() { done <- isKilled(cmd.Wait()) }()
	return func() { once.Do(func() { cmd.Process.Signal(syscall.SIGKILL) }) }, func() bool { return <-done }
}

// killAfter runs the binary and kills it after delay, if it is still running by then.
func (cr *crashRun) killAfter(delay time.Duration, args ...string) bool {
	cr.t.Helper()
	kill, wait := cr.start(exec.Command(cr.bin, args...))
	timer := time.AfterFunc(delay, kill)
	defer timer.Stop()
	return wait()
}

// killAtLine runs the binary and kills it jitter after it has printed line n (1-based):
// the kill lands at a chosen point of its progress whatever the machine's speed.
func (cr *crashRun) killAtLine(n int, jitter time.Duration, args ...string) bool {
	cr.t.Helper()
	cmd := exec.Command(cr.bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		cr.t.Fatal(err)
	}
	kill, wait := cr.start(cmd)
	sc := bufio.NewScanner(out)
	for line := 1; sc.Scan(); line++ {
		if line == n {
			time.AfterFunc(jitter, kill)
		}
	}
	return wait()
}

// jitter is a random pause of up to max, so kills fall between the steps of a run too.
func (cr *crashRun) jitter(max time.Duration) time.Duration {
	return time.Duration(cr.rng.Int64N(int64(max) + 1))
}

func isKilled(err error) bool {
	ee, ok := err.(*exec.ExitError)
	if !ok {
		return false
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// docState is what must survive of a stored document: its identity, text and raw bytes.
type docState struct {
	URL, Hash, Raw string
}

// snapshot checks the database (integrity_check, every text matching its hash, raw bytes
// readable) and returns the state of every document by id. verify, if not nil, checks a
// document against its source.
func snapshot(t *testing.T, data string, verify func(d *corpus.Document) error) map[int64]docState {
	t.Helper()
	ctx := context.Background()
	s, err := corpus.Open(ctx, data)
	if err != nil {
		t.Fatalf("open the corpus after a kill: %v", err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if err := s.Each(ctx, func(d *corpus.Document) error { ids = append(ids, d.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	out := map[int64]docState{}
	for _, id := range ids {
		d, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := corpus.ContentHash(d.Text); got != d.Hash {
			t.Fatalf("document %d (%s): text does not match its hash", id, d.URL)
		}
		if verify != nil {
			if err := verify(d); err != nil {
				t.Fatalf("document %d (%s): %v", id, d.URL, err)
			}
		}
		sum := sha256.Sum256(d.Raw)
		out[id] = docState{URL: d.URL, Hash: d.Hash, Raw: hex.EncodeToString(sum[:])}
	}
	return out
}

// keeps fails unless every document of before is in after, unchanged.
func keeps(t *testing.T, what string, before, after map[int64]docState) {
	t.Helper()
	for id, b := range before {
		if a, ok := after[id]; !ok || a != b {
			t.Fatalf("%s: document %d (%s) committed before the kill is lost or changed: %+v, was %+v", what, id, b.URL, a, b)
		}
	}
}

// hashes lists the content hashes of a state, sorted.
func hashes(st map[int64]docState) []string {
	var out []string
	for _, d := range st {
		out = append(out, d.URL+" "+d.Hash+" "+d.Raw)
	}
	sort.Strings(out)
	return out
}

// answers runs queries, a trend and both exports on a data directory (in-process, as a
// reader would) and returns them in a form that does not depend on document ids.
func answers(t *testing.T, data string, queries []string) string {
	t.Helper()
	ctx := context.Background()
	c, err := collection.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var b strings.Builder
	for _, q := range queries {
		res, err := c.Search(ctx, q, collection.SearchOptions{Limit: 1000})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var hits []string
		for _, h := range res.Hits {
			hits = append(hits, fmt.Sprintf("%s|%s|%v|%d dups", h.URL, h.Title, h.Snippets, len(h.Duplicates)))
		}
		sort.Strings(hits)
		fmt.Fprintf(&b, "search %q: %d %v\n%s\n", q, res.Total, res.Facets, strings.Join(hits, "\n"))
		tr, err := c.Trend(ctx, q)
		if err != nil {
			t.Fatalf("trend %q: %v", q, err)
		}
		fmt.Fprintf(&b, "trend %q: %+v\n", q, *tr)
	}
	for _, table := range collection.ExportTables {
		var csv strings.Builder
		if err := c.Export(ctx, table, collection.ExportOptions{Format: "csv"}, &csv); err != nil {
			t.Fatalf("export %s: %v", table, err)
		}
		fmt.Fprintf(&b, "export %s:\n%s\n", table, csv.String())
	}
	return b.String()
}

// crashText is the text of synthetic report i: a province, an initiative and a metric, and
// words that every report shares, so that searches have many hits.
func crashText(i int) string {
	pv := []string{"湖北", "浙江", "广西", "黑龙江", "重庆", "陕西", "内蒙古"}[i%7]
	return fmt.Sprintf("第%d号综述：%s抓基层党建述职评议\n\n%s坚持“四不两直”方式开展第%d轮调研，访谈约谈领导干部%d人。\n"+
		"%s推进“先锋驿站%d号”建设，全年办结群众反映事项%d件，基层党组织书记述职评议考核全覆盖。\n",
		i, pv, pv, i, 100+i, pv, i, 1000+3*i)
}

var crashQueries = []string{"四不两直", "述职评议", "province:湖北 约谈", "先锋驿站1"}

// restartEvery is how many kills hit one data directory before a fresh one starts, so that
// kills land early in a run as well as when most of it is already done.
const restartEvery = 5

// TestCrashImport kills imports of a folder of many small files.
func TestCrashImport(t *testing.T) {
	cr := newCrashRun(t)
	n := 400
	if cr.long {
		n = 3000
	}
	src := filepath.Join(t.TempDir(), "reports")
	os.MkdirAll(src, 0o755)
	for i := range n {
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("r%05d.txt", i)), []byte(crashText(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fromFile := func(d *corpus.Document) error {
		raw, err := os.ReadFile(d.URL)
		if err != nil {
			return err
		}
		if string(raw) != string(d.Raw) {
			return fmt.Errorf("raw bytes differ from the file")
		}
		return nil
	}
	clean := t.TempDir()
	took := cr.run("import", "--data", clean, src)
	want := snapshot(t, clean, fromFile)
	if len(want) != n {
		t.Fatalf("clean import stored %d documents, want %d", len(want), n)
	}
	cr.run("rebuild", "--data", clean)
	wantAnswers := answers(t, clean, crashQueries)
	t.Logf("clean import of %d files: %v", n, took)

	killed, runs := 0, 0
	for killed < cr.kills {
		data := t.TempDir()
		var before map[int64]docState
		for j := 0; j < restartEvery && killed < cr.kills && len(before) < n; j++ {
			if runs++; runs > 3*cr.kills {
				t.Fatalf("only %d of %d runs killed before they finished", killed, runs)
			}
			line, jitter := len(before)+1+cr.rng.IntN(n-len(before)), cr.jitter(2*time.Millisecond)
			ok := cr.killAtLine(line, jitter, "import", "--data", data, src)
			after := snapshot(t, data, fromFile)
			keeps(t, fmt.Sprintf("kill at file %d + %v", line, jitter), before, after)
			t.Logf("kill after file %d + %v: killed %v, %d → %d documents", line, jitter, ok, len(before), len(after))
			if ok {
				killed++
			}
			before = after
		}
		cr.run("import", "--data", data, src)
		got := snapshot(t, data, fromFile)
		keeps(t, "completed import", before, got)
		if !reflect.DeepEqual(hashes(got), hashes(want)) {
			t.Fatalf("import completed after kills holds %d documents, differing from the %d of a clean import", len(got), len(want))
		}
		if killed >= cr.kills {
			cr.run("rebuild", "--data", data)
			if got := answers(t, data, crashQueries); got != wantAnswers {
				t.Errorf("answers after killed imports differ from a clean import's:\n%s\nwant\n%s", got, wantAnswers)
			}
		}
	}
}

// crashSite serves list pages and articles generated from their number, so that what a
// page should hold is known, and counts requests.
type crashSite struct {
	*httptest.Server
	articles int

	mu     sync.Mutex
	killAt int // kill when this article request of the armed run arrives
	served int // article requests of the armed run
	jitter time.Duration
	kill   func() // nil when not armed
}

// arm makes the site kill a crawl jitter after its nth article request begins.
func (s *crashSite) arm(n int, jitter time.Duration, kill func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.killAt, s.served, s.jitter, s.kill = n, 0, jitter, kill
}

func newCrashSite(t *testing.T, articles int) *crashSite {
	s := &crashSite{articles: articles}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

const crashPerList = 10

func (s *crashSite) page(path string) (string, bool) {
	var n int
	switch {
	case path == "/robots.txt":
		return "User-agent: *\nAllow: /\n", true
	case sscan(path, "/list/%d.html", &n) && n*crashPerList < s.articles:
		var b strings.Builder
		b.WriteString("<html><head><title>综述列表</title></head><body><ul>")
		for i := n * crashPerList; i < (n+1)*crashPerList && i < s.articles; i++ {
			fmt.Fprintf(&b, `<li><a href="/a/%d.html">第%d号综述</a></li>`, i, i)
		}
		b.WriteString("</ul>")
		if (n+1)*crashPerList < s.articles {
			fmt.Fprintf(&b, `<a href="/list/%d.html">下一页</a>`, n+1)
		}
		b.WriteString("</body></html>")
		return b.String(), true
	case sscan(path, "/a/%d.html", &n) && n < s.articles:
		title, body, _ := strings.Cut(crashText(n), "\n\n")
		var b strings.Builder
		fmt.Fprintf(&b, "<html><head><title>%s</title></head><body><h1>%s</h1><div id=content>", title, title)
		for _, p := range strings.Split(strings.TrimSpace(body), "\n") {
			fmt.Fprintf(&b, "<p>%s</p>", p)
		}
		b.WriteString("</div></body></html>")
		return b.String(), true
	}
	return "", false
}

func (s *crashSite) serve(w http.ResponseWriter, r *http.Request) {
	body, ok := s.page(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/a/") {
		s.mu.Lock()
		if s.kill != nil {
			if s.served++; s.served == s.killAt {
				time.AfterFunc(s.jitter, s.kill)
			}
		}
		s.mu.Unlock()
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
	}
	w.Write([]byte(body))
}

// TestCrashCrawl kills crawls of a generated site and resumes them.
func TestCrashCrawl(t *testing.T) {
	cr := newCrashRun(t)
	n := 120
	if cr.long {
		n = 1000
	}
	site := newCrashSite(t, n)
	args := func(data string) []string {
		return []string{"crawl", "--data", data, "--allow-private", "--rate", "2000", "--workers", "4", "--url", site.URL + "/list/0.html"}
	}
	fromSite := func(d *corpus.Document) error {
		path := strings.TrimPrefix(d.URL, site.URL)
		body, ok := site.page(path)
		if !ok || body != string(d.Raw) {
			return fmt.Errorf("raw bytes differ from the page served at %s", path)
		}
		return nil
	}
	clean := t.TempDir()
	took := cr.run(args(clean)...)
	want := snapshot(t, clean, fromSite)
	if len(want) != n {
		t.Fatalf("clean crawl stored %d documents, want %d", len(want), n)
	}
	cr.run("rebuild", "--data", clean)
	wantAnswers := answers(t, clean, crashQueries)
	t.Logf("clean crawl of %d articles: %v", n, took)

	killed, runs := 0, 0
	for killed < cr.kills {
		data := t.TempDir()
		var before map[int64]docState
		for j := 0; j < restartEvery && killed < cr.kills && len(before) < n; j++ {
			if runs++; runs > 3*cr.kills {
				t.Fatalf("only %d of %d runs killed before they finished", killed, runs)
			}
			at, jitter := 1+cr.rng.IntN(n-len(before)), cr.jitter(3*time.Millisecond)
			kill, wait := cr.start(exec.Command(cr.bin, args(data)...))
			site.arm(at, jitter, kill)
			ok := wait()
			site.arm(0, 0, nil)
			after := snapshot(t, data, fromSite)
			keeps(t, fmt.Sprintf("kill at article request %d + %v", at, jitter), before, after)
			t.Logf("kill at article request %d + %v: killed %v, %d → %d documents", at, jitter, ok, len(before), len(after))
			if ok {
				killed++
			}
			before = after
		}
		cr.run(args(data)...)
		got := snapshot(t, data, fromSite)
		keeps(t, "resumed crawl", before, got)
		if !reflect.DeepEqual(hashes(got), hashes(want)) {
			t.Fatalf("crawl resumed after kills holds %d documents, differing from the %d of an uninterrupted crawl", len(got), len(want))
		}
		if killed >= cr.kills {
			cr.run("rebuild", "--data", data)
			if got := answers(t, data, crashQueries); got != wantAnswers {
				t.Errorf("answers after killed crawls differ from an uninterrupted crawl's:\n%s\nwant\n%s", got, wantAnswers)
			}
		}
	}
}

// TestCrashRebuild kills rebuilds: after each kill the previous index and tables answer
// exactly as before, and the corpus is untouched.
func TestCrashRebuild(t *testing.T) {
	cr := newCrashRun(t)
	n := 150
	if cr.long {
		n = 3000
	}
	src := filepath.Join(t.TempDir(), "reports")
	os.MkdirAll(src, 0o755)
	for i := range n {
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("r%05d.txt", i)), []byte(crashText(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	cr.run("import", "--data", data, src, filepath.Join(shared, "seeds"))
	took := cr.run("rebuild", "--data", data)
	want := snapshot(t, data, nil)
	wantAnswers := answers(t, data, crashQueries)
	t.Logf("rebuild of %d documents: %v", len(want), took)
	killed := 0
	for runs := 1; killed < cr.kills; runs++ {
		if runs > 3*cr.kills {
			t.Fatalf("only %d of %d rebuilds killed before they finished", killed, runs)
		}
		delay := cr.jitter(took)
		ok := cr.killAfter(delay, "rebuild", "--data", data)
		got := snapshot(t, data, nil)
		keeps(t, fmt.Sprintf("kill at %v", delay), want, got)
		if len(got) != len(want) {
			t.Fatalf("kill at %v: %d documents, want %d", delay, len(got), len(want))
		}
		if a := answers(t, data, crashQueries); a != wantAnswers {
			t.Fatalf("kill at %v: answers changed:\n%s\nwant\n%s", delay, a, wantAnswers)
		}
		t.Logf("kill at %v: killed %v", delay, ok)
		if ok {
			killed++
		}
	}
	cr.run("rebuild", "--data", data)
	entries, _ := os.ReadDir(filepath.Join(data, "index"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "build-") {
			t.Errorf("leftover %s after a completed rebuild", e.Name())
		}
	}
	clean := t.TempDir()
	cr.run("import", "--data", clean, src, filepath.Join(shared, "seeds"))
	cr.run("rebuild", "--data", clean)
	if got, want := answers(t, data, crashQueries), answers(t, clean, crashQueries); got != want {
		t.Errorf("answers after killed rebuilds differ from a clean data directory's:\n%s\nwant\n%s", got, want)
	}
}

// TestCrashPaperWalk kills an e-paper date walk (6 days × 4 pages, both layouts) with
// SIGKILL after some article requests and resumes it: the resumed walk stores every
// article, and no article stored before the kill is fetched again.
func TestCrashPaperWalk(t *testing.T) {
	cr := newCrashRun(t)
	oldLayout := regexp.MustCompile(`^/rmrb/html/(\d{4})-(\d{2})/(\d{2})/nbs\.D110000renmrb_(\d{2})\.htm$`)
	newLayout := regexp.MustCompile(`^/rmrb/pc/layout/(\d{6})/(\d{2})/node_(\d{2})\.html$`)
	var mu sync.Mutex
	fetched := map[string]int{} // article path → requests
	var kill func()
	killAt, served := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		p := r.URL.Path
		switch m := oldLayout.FindStringSubmatch(p); {
		case m != nil:
			fmt.Fprintf(w, `<html><body><div id="pageList"><ul><div class="right_title-name"><a href="nbs.D110000renmrb_%s.htm">%s版：要闻</a></div></ul></div><div id="titleList"><a href="nw.D110000renmrb_%s%s%s_1-%s.htm">一</a><a href="nw.D110000renmrb_%s%s%s_2-%s.htm">二</a></div></body></html>`, m[4], m[4], m[1], m[2], m[3], m[4], m[1], m[2], m[3], m[4])
		case newLayout.MatchString(p):
			m := newLayout.FindStringSubmatch(p)
			fmt.Fprintf(w, `<html><body><div class="swiper-slide"><a href="node_%s.html">%s版：要闻</a></div><div class="news-list"><a href="/rmrb/pc/content/%s/%s/content_1%s.html">一</a><a href="/rmrb/pc/content/%s/%s/content_2%s.html">二</a></div></body></html>`, m[3], m[3], m[1], m[2], m[3], m[1], m[2], m[3])
		case strings.Contains(p, "/nw.D110000renmrb_") || strings.Contains(p, "/rmrb/pc/content/"):
			mu.Lock()
			fetched[p]++
			if kill != nil {
				if served++; served == killAt {
					go kill()
				}
			}
			mu.Unlock()
			fmt.Fprintf(w, `<html><head><title>%s</title></head><body><div class="text_c"><h1>基层党建 %s</h1><div class="date">2024-12-01</div><div id="ozoom"><p>某省深化基层党建工作，推进述职评议考核，这一篇是%s，各级党组织书记认真履行抓基层党建第一责任人职责。</p><p>推动基层党组织全面进步、全面过硬。</p></div></div></body></html>`, p, p, p)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	data := t.TempDir()
	args := []string{"crawl", "--data", data, "--allow-private", "--rate", "2000", "--workers", "4", "--site", "paper.people",
		"--from", "2024-11-28", "--to", "2024-12-03", "--pages", "1-4", "--paper-base", srv.URL}
	const total = 6 * 4 * 2
	before := map[string]bool{}
	kills := 0
	for i := 0; i < 3 && len(before) < total-8; i++ {
		k, wait := cr.start(exec.Command(cr.bin, args...))
		mu.Lock()
		kill, killAt, served = k, 1+cr.rng.IntN(total-len(before)-4), 0
		for p := range fetched {
			fetched[p] = 0
		}
		mu.Unlock()
		if wait() {
			kills++
		}
		mu.Lock()
		kill = nil
		for p, n := range fetched {
			if n > 0 && before[p] {
				t.Errorf("run %d: %s was stored before and fetched again", i, p)
			}
		}
		mu.Unlock()
		for _, st := range snapshot(t, data, func(*corpus.Document) error { return nil }) {
			before[strings.TrimPrefix(st.URL, srv.URL)] = true
		}
		t.Logf("run %d killed at article request %d: %d stored", i, killAt, len(before))
	}
	mu.Lock()
	for p := range fetched {
		fetched[p] = 0
	}
	mu.Unlock()
	cr.run(args...)
	// Each article keeps the page that listed it, also those queued before a kill and
	// fetched after it.
	after := snapshot(t, data, func(d *corpus.Document) error {
		if d.Page < 1 || d.Page > 4 || d.Section != "要闻" {
			return fmt.Errorf("stored on page %d, section %q; want 1–4, 要闻", d.Page, d.Section)
		}
		return nil
	})
	if out, err := exec.Command(cr.bin, "show", "--data", data, "1").CombinedOutput(); err != nil || !regexp.MustCompile(`(?m)^page: +[1-4] 要闻$`).Match(out) {
		t.Errorf("show 1 does not say the page it was printed on: %v\n%s", err, out)
	}
	if len(after) != total || kills == 0 {
		t.Errorf("after the resumed walk %d articles are stored, want %d (%d runs killed, %d stored before)", len(after), total, kills, len(before))
	}
	mu.Lock()
	defer mu.Unlock()
	for p, n := range fetched {
		if n > 0 && before[p] {
			t.Errorf("%s was stored before the kill and fetched again", p)
		}
	}
}
