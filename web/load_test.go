package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadQueries mix domain terms, phrases, traditional characters, exclusions, alternatives
// and filters.
var loadQueries = []string{
	"四不两直", "述职评议考核", "黨建 述職", `"三会一课"`, "党建 -形式主义", "province:浙江 专项行动",
	"红色物业 OR 物业党建", "year:2023 基层", "党员 干部", "书记 抓 基层", "办结率", "驿站",
}

// TestLoad runs concurrent clients against the seed index over loopback, each sending a
// mix of API searches (with pages), trends and search pages, and requires every answer to
// be a 200 with a body that decodes. By default it is short (10 clients, 2 s) so the suite
// stays fast; DANGJIAN_LOADTEST=1 runs the README's 50 clients for 20 s. Latencies are
// logged, not asserted.
func TestLoad(t *testing.T) {
	f := seeded(t)
	clients, duration := 10, 2*time.Second
	if os.Getenv("DANGJIAN_LOADTEST") != "" {
		clients, duration = 50, 20*time.Second
	}
	var paths []string
	for i, q := range loadQueries {
		e := url.QueryEscape(q)
		paths = append(paths, "/api/search?q="+e, fmt.Sprintf("/api/search?q=%s&size=5&page=%d", e, i%3+1), "/api/trend?q="+e, "/?q="+e)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()

	var (
		mu        sync.Mutex
		latencies []time.Duration
		byKind    = map[string][]time.Duration{}
		failures  []string
		wg        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(duration)
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var failed []string
			kinds := map[string][]time.Duration{}
			for n := w; time.Now().Before(deadline); n++ {
				path := paths[n%len(paths)]
				t0 := time.Now()
				err := fetchOK(client, f.url+path)
				d := time.Since(t0)
				mine = append(mine, d)
				kinds[kindOf(path)] = append(kinds[kindOf(path)], d)
				if err != nil {
					failed = append(failed, fmt.Sprintf("%s: %v", path, err))
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			for k, ds := range kinds {
				byKind[k] = append(byKind[k], ds...)
			}
			failures = append(failures, failed...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(latencies) == 0 {
		t.Fatal("no request completed")
	}
	t.Logf("%d clients for %s: %d requests (%.0f/s), %d errors; %s",
		clients, duration, len(latencies), float64(len(latencies))/elapsed.Seconds(), len(failures), percentiles(latencies))
	for _, k := range []string{"/api/search", "/api/trend", "/ (page)"} {
		t.Logf("  %-11s %5d requests; %s", k, len(byKind[k]), percentiles(byKind[k]))
	}
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed; first: %s", len(failures), len(latencies), failures[0])
	}
}

func kindOf(path string) string {
	for _, k := range []string{"/api/search", "/api/trend"} {
		if strings.HasPrefix(path, k) {
			return k
		}
	}
	return "/ (page)"
}

// percentiles describes a sample of latencies (sorting it).
func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no requests"
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	at := func(p float64) time.Duration {
		return ds[min(len(ds)-1, int(p*float64(len(ds))))].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("latency p50 %s, p90 %s, p99 %s, max %s", at(0.50), at(0.90), at(0.99), ds[len(ds)-1].Round(100*time.Microsecond))
}

// fetchOK gets a URL and checks for a 200 whose body is whole: JSON that decodes, or a
// page that ends its HTML.
func fetchOK(client *http.Client, u string) error {
	resp, err := client.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, body)
	}
	if resp.Header.Get("Content-Type") == "application/json; charset=utf-8" {
		var v map[string]any
		return json.Unmarshal(body, &v)
	}
	if len(body) < 8 || string(body[len(body)-8:]) != "</html>\n" {
		return fmt.Errorf("page cut short (%d bytes)", len(body))
	}
	return nil
}
