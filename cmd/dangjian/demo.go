package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dangjian/dangjian/chart"
	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/crawler"
	"github.com/dangjian/dangjian/sample"
)

// demoQueries show what a newcomer should see: a domain term that the segmenter would
// split, a traditional-character query that finds simplified text, and a filtered query.
var demoQueries = []struct {
	query string
	opts  collection.SearchOptions
	note  string
}{
	{"四不两直", collection.SearchOptions{Limit: 3}, "a four-character term, matched wherever its characters stand"},
	{"黨建 述職", collection.SearchOptions{Limit: 3}, "traditional characters find simplified text, and back"},
	{"双融双强", collection.SearchOptions{Limit: 3, Year: "2024"}, "a named initiative, only in 2024"},
}

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dataFlag := newFlags("demo", "[--serve [--addr 127.0.0.1:8080]] [--corpus DIR] [--sample-site ADDR] [--data NEW-DIR]", stderr)
	serve := fs.Bool("serve", false, "at the end, serve the demo's collection on the web page and API until Ctrl-C")
	siteAddr := fs.String("sample-site", "", "only serve the bundled sample site on ADDR (e.g. 127.0.0.1:8000) until Ctrl-C, to crawl it yourself")
	corpusDir := fs.String("corpus", "", "instead of the bundled sample, import the report corpora (*.jsonl) of DIR, e.g. ../shared/corpora, and show 70 years of trends")
	addr := fs.String("addr", "127.0.0.1:8080", "address for --serve")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &exitError{code: 2, msg: "demo takes no arguments"}
	}
	if *siteAddr != "" {
		return serveSampleSite(ctx, *siteAddr, stdout)
	}
	// The demo writes a new collection: in --data (or $DANGJIAN_DATA) when it is given, a
	// folder that holds no collection yet, else in a new temporary folder.
	dataSet := os.Getenv("DANGJIAN_DATA") != ""
	fs.Visit(func(f *flag.Flag) { dataSet = dataSet || f.Name == "data" })
	data := *dataFlag
	if dataSet {
		if _, err := os.Stat(filepath.Join(data, corpus.FileName)); err == nil {
			return &exitError{code: 1, msg: fmt.Sprintf("demo writes a new collection, and %s already holds one: give a new or empty folder", data)}
		}
	} else {
		dir, err := os.MkdirTemp("", "dangjian-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		data = filepath.Join(dir, "data")
	}
	if *corpusDir != "" {
		return demoCorpus(ctx, *corpusDir, data, stdout, stderr)
	}
	ln, srv, err := sampleSite("127.0.0.1:0")
	if err != nil {
		return err
	}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	opts := crawler.NewOptions()
	for _, p := range sample.StartPages() {
		opts.URLs = append(opts.URLs, base+"/"+p)
	}
	// The server is our own, on loopback: allowed explicitly, and asked faster than a real
	// site would be (its robots.txt Crawl-delay is capped for the same reason).
	opts.AllowPrivate, opts.Rate, opts.MaxCrawlDelay = true, 50, 20*time.Millisecond
	fmt.Fprintf(stdout, "== 1. crawl: the bundled sample site (5 publishers' layouts; GBK, Big5 and UTF-8; a wrong charset header; robots.txt) served on %s\n\n", base)
	c, err := collection.Open(ctx, data)
	if err != nil {
		return err
	}
	defer c.Close()
	sum, err := c.Crawl(ctx, opts, func(ev crawler.Event) {
		switch ev.Outcome {
		case "stored":
			note := ""
			if ev.Relevant != nil && !*ev.Relevant {
				note = "  [off-topic: kept, not indexed]"
			}
			fmt.Fprintf(stdout, "  stored  %s%s\n", ev.Title, note)
		case "robots", "refused", "failed":
			fmt.Fprintf(stdout, "  %-7s %s: %s\n", ev.Outcome, strings.TrimPrefix(ev.URL, base), ev.Detail)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "  %d pages fetched, %d stored (%d off-topic), %d duplicates, %d list pages, %d forbidden by robots.txt, %d refused in %s\n\n== 2. rebuild the index\n\n",
		sum.Fetched, sum.Stored, sum.Irrelevant, sum.Duplicates, sum.NotArticles, sum.Disallowed, sum.Refused, sum.Elapsed.Round(time.Millisecond))
	if err := rebuild(ctx, c, stdout, stderr); err != nil {
		return err
	}
	for i, q := range demoQueries {
		filters := ""
		if q.opts.Year != "" {
			filters = " --year " + q.opts.Year
		}
		fmt.Fprintf(stdout, "\n== %d. search%s %s — %s\n\n", i+3, filters, q.query, q.note)
		res, err := c.Search(ctx, q.query, q.opts)
		if err != nil {
			return err
		}
		printHits(stdout, res, 0, isTerminal(stdout))
	}
	fmt.Fprintf(stdout, "\nThe demo's data directory is kept: try\n  go run ./cmd/dangjian search --data %s 述职评议考核\n  go run ./cmd/dangjian show --data %s 1\n", data, data)
	if *serve {
		fmt.Fprintf(stdout, "\n== %d. serve the web page and API\n\n", len(demoQueries)+3)
		srv.Close() // the sample site is not needed any more
		return serveCollection(ctx, c, *addr, 15*time.Second, stdout, stderr)
	}
	fmt.Fprintf(stdout, "and for the web page and JSON API, run:\n  go run ./cmd/dangjian serve --data %s\n", data)
	return nil
}

// corpusTerms are what the report corpora's demo follows through the decades.
var corpusTerms = []string{"从严治党", "改革开放", "基层党组织"}

// demoCorpus imports the government work and congress reports of dir and shows, for a
// few terms, their occurrences per million characters of each year's reports: seventy
// years of official language in one screen.
func demoCorpus(ctx context.Context, dir, data string, stdout, stderr io.Writer) error {
	files, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if len(files) == 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("no report corpora (*.jsonl) in %s", dir)}
	}
	c, err := collection.Open(ctx, data)
	if err != nil {
		return err
	}
	defer c.Close()
	fmt.Fprintf(stdout, "== 1. import the reports of %s\n\n", dir)
	sum, err := c.Import(ctx, files, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "  %d reports added, %d already there, %d refused\n\n== 2. rebuild the index\n\n", sum.Added, sum.Skipped, sum.Refused)
	if err := rebuild(ctx, c, stdout, stderr); err != nil {
		return err
	}
	// The characters of each year's reports, for the rates.
	chars := map[int]int{}
	// The stored year and text are read directly: Show would extract each report again.
	for id := int64(1); ; id++ {
		d, err := c.Store.Find(ctx, strconv.FormatInt(id, 10))
		if err != nil {
			break
		}
		facts, _, _, err := c.Store.Facts(ctx, id)
		if err != nil {
			return err
		}
		if facts.Year != 0 {
			chars[facts.Year] += utf8.RuneCountInString(d.Clean)
		}
	}
	var years []int
	for y := range chars {
		years = append(years, y)
	}
	sort.Ints(years)
	if len(years) == 0 {
		return fmt.Errorf("demo: no report has a year")
	}
	fmt.Fprintf(stdout, "\n== 3. occurrences per million characters of each year's reports, %d–%d (a space: no report that year)\n\n", years[0], years[len(years)-1])
	for _, term := range corpusTerms {
		lines, err := c.KWIC(ctx, term, collection.KWICOptions{Width: 1})
		if err != nil {
			return err
		}
		counts := map[int]int{}
		for _, l := range lines {
			if l.Year != nil {
				counts[*l.Year]++
			}
		}
		var values []float64
		first, peak, peakYear := 0, 0.0, 0
		for y := years[0]; y <= years[len(years)-1]; y++ {
			n, ok := chars[y]
			if !ok {
				values = append(values, math.NaN())
				continue
			}
			r := float64(counts[y]) * 1e6 / float64(n)
			values = append(values, r)
			if counts[y] > 0 && first == 0 {
				first = y
			}
			if r > peak {
				peak, peakYear = r, y
			}
		}
		fmt.Fprintf(stdout, "  %s  %s\n", pad(term, 12), chart.Sparkline(values))
		undated := len(lines)
		for _, n := range counts {
			undated -= n
		}
		if first == 0 {
			fmt.Fprintf(stdout, "  %s  %d occurrences, none in a dated report\n\n", pad("", 12), len(lines))
			continue
		}
		fmt.Fprintf(stdout, "  %s  %d occurrences (%d in undated reports); first in %d, most in %d (%.0f per million)\n\n",
			pad("", 12), len(lines), undated, first, peakYear, peak)
	}
	fmt.Fprintf(stdout, "The demo's data directory is kept: try\n  go run ./cmd/dangjian kwic --data %s --sort date 从严治党\n  go run ./cmd/dangjian serve --data %s\n", data, data)
	return nil
}

// serveSampleSite serves the bundled sample site until ctx ends, for crawling by hand.
func serveSampleSite(ctx context.Context, addr string, stdout io.Writer) error {
	ln, srv, err := sampleSite(addr)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	fmt.Fprintf(stdout, "serving the sample site on http://%s/ (Ctrl-C to stop); crawl it with\n  dangjian crawl --url http://%s/ --allow-private --rate 20\n", ln.Addr(), ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("demo: serve the sample site: %w", err)
	}
	return nil
}

// sampleSite listens on addr with a server for the bundled sample site, not yet serving.
func sampleSite(addr string) (net.Listener, *http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("demo: serve the sample site: %w", err)
	}
	return ln, &http.Server{Handler: sample.Handler(), ReadHeaderTimeout: 5 * time.Second}, nil
}
