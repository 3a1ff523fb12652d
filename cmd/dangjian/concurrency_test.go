package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/web"
)

// TestReadersWhileProcessesWrite runs searches, trends and exports in this process —
// directly and through the web API, as `dangjian serve` answers them — while other
// dangjian processes import, crawl and rebuild the same data directory. No reader may get
// an error (no "database is locked", no closed or vanished index), and the documents a
// search finds never decrease.
func TestReadersWhileProcessesWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs processes")
	}
	bin, err := crashBinary()
	if err != nil {
		t.Fatal(err)
	}
	runBin := func(args ...string) {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Errorf("dangjian %v: %v\n%s", args, err, out)
		}
	}
	ctx := context.Background()
	data, src := t.TempDir(), t.TempDir()
	const batch, rounds = 40, 4
	writeBatch := func(r int) string {
		dir := filepath.Join(src, fmt.Sprintf("batch-%d", r))
		os.MkdirAll(dir, 0o755)
		for i := r * batch; i < (r+1)*batch; i++ {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%05d.txt", i)), []byte(crashText(i)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	runBin("import", "--data", data, writeBatch(0))
	runBin("rebuild", "--data", data)
	site := newCrashSite(t, 60)

	c, err := collection.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	srv, err := web.New(c, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(srv)
	defer api.Close()

	stop := make(chan struct{})
	errs := make(chan error, 16)
	var reads atomic.Int64
	var wg sync.WaitGroup
	direct := func() {
		defer wg.Done()
		last := 0
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			var err error
			switch i % 3 {
			case 0:
				var res *collection.SearchResult
				if res, err = c.Search(ctx, "述职评议", collection.SearchOptions{Limit: 3}); err == nil {
					if res.Total < last {
						err = fmt.Errorf("%d hits after %d", res.Total, last)
					}
					last = res.Total
				}
			case 1:
				_, err = c.Trend(ctx, "四不两直")
			case 2:
				err = c.Export(ctx, "metrics", collection.ExportOptions{Format: "jsonl"}, io.Discard)
			}
			if err != nil {
				errs <- fmt.Errorf("read %d: %w", i, err)
				return
			}
			reads.Add(1)
		}
	}
	overHTTP := func() {
		defer wg.Done()
		paths := []string{
			"/api/search?q=" + url.QueryEscape("四不两直") + "&province=" + url.QueryEscape("湖北"),
			"/api/trend?q=" + url.QueryEscape("约谈"),
			"/api/export/initiatives?format=csv",
			"/?q=" + url.QueryEscape("先锋驿站"),
			"/healthz",
		}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			resp, err := http.Get(api.URL + paths[i%len(paths)])
			if err != nil {
				errs <- err
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("GET %s: %d %s", paths[i%len(paths)], resp.StatusCode, body)
				return
			}
			reads.Add(1)
		}
	}
	wg.Add(3)
	go direct()
	go direct()
	go overHTTP()
	// Writers run one after another and, in odd rounds, all at once: an import, a crawl and
	// a rebuild in three processes must wait for each other's transactions, not fail.
	for r := 1; r <= rounds; r++ {
		writers := []func(){
			func() { runBin("import", "--data", data, writeBatch(r)) },
			func() {
				runBin("crawl", "--data", data, "--allow-private", "--rate", "2000", "--max", "25", "--url", site.URL+"/list/0.html")
			},
			func() { runBin("rebuild", "--data", data) },
		}
		if r%2 == 0 {
			for _, w := range writers {
				w()
			}
			continue
		}
		var ww sync.WaitGroup
		for _, w := range writers {
			ww.Add(1)
			go func() { defer ww.Done(); w() }()
		}
		ww.Wait()
	}
	runBin("rebuild", "--data", data)
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if reads.Load() < 10 {
		t.Errorf("only %d reads during the writes", reads.Load())
	}
	t.Logf("%d reads during %d rounds of import, crawl and rebuild", reads.Load(), rounds)
}
