package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dangjian/dangjian/article"
	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/crawler"
)

// listFlag is a flag that may be repeated and takes comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("crawl", "[--site NAME…] [--url URL…] [flags] [URL…]", stderr)
	o := crawler.NewOptions()
	var sites, urls, keywords listFlag
	fs.Var(&sites, "site", "crawl a site from its start pages: "+strings.Join(crawlSites(), ", ")+" (repeatable, comma-separated)")
	fs.Var(&urls, "url", "start page; the crawl stays on its host (repeatable)")
	fs.StringVar(&o.Profile, "profile", "", "force this site profile for every page")
	countVar(fs, &o.MaxPages, "max", 0, 0, "stop after fetching `N` pages (0: no limit); run again to continue")
	fs.IntVar(&o.MaxDepth, "depth", o.MaxDepth, "follow links at most `N` steps from a start page (-1: no limit)")
	since := fs.String("since", "", "skip articles whose URL dates them before `DATE` (YYYY-MM-DD) and stop paging back past it")
	fs.Float64Var(&o.Rate, "rate", o.Rate, "requests per second to one host (robots.txt Crawl-delay wins when slower)")
	fs.IntVar(&o.Workers, "workers", o.Workers, "requests in flight over all hosts")
	fs.StringVar(&o.Contact, "contact", o.Contact, "URL or e-mail for site operators, sent in the User-Agent")
	fs.Var(&keywords, "keywords", "relevance keywords (default: "+strings.Join(o.Keywords, ",")+"); off-topic pages are kept but not indexed")
	fs.BoolVar(&o.AllowPrivate, "allow-private", false, "allow loopback and private addresses (local test servers, intranets)")
	fs.BoolVar(&o.IgnoreRobots, "ignore-robots", false, "do not read robots.txt (only for sites you run)")
	maxSize := fs.Int64("max-size", o.MaxBodyBytes>>20, "largest page to read, in `MB`")
	timeout := fs.Duration("timeout", o.RequestTimeout, "time limit for one request, body included")
	asJSON := fs.Bool("json", false, "print one JSON object per page and a summary object, for scripts")
	from := fs.String("from", "", "with --site paper.people: walk the e-paper from this `DATE` (YYYY-MM-DD), day by day")
	to := fs.String("to", "", "… to this `DATE` (default: --from)")
	pages := fs.String("pages", "1-20", "… these `PAGES` of each day (e.g. 1-4)")
	paperBase := fs.String("paper-base", "http://paper.people.com.cn", "the e-paper's address (a mirror, or a test server)")
	check := fs.String("check", "", "fetch this one `URL` and print what its site profile extracts, storing nothing")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *check != "" {
		o.MaxBodyBytes, o.RequestTimeout = *maxSize<<20, *timeout
		return runCheck(ctx, o, *check, *asJSON, stdout)
	}
	o.Sites, o.URLs = sites, append(urls, rest...)
	if *from != "" {
		walk, err := paperWalk(*from, *to, *pages, *paperBase)
		if err != nil {
			return &exitError{code: 2, msg: err.Error()}
		}
		o.Paper = walk
		// The walk's layout pages are its start pages: only their articles are fetched,
		// not the other days and pages they link to.
		depthSet := false
		fs.Visit(func(f *flag.Flag) { depthSet = depthSet || f.Name == "depth" })
		if !depthSet {
			o.MaxDepth = 1
		}
		var others []string
		for _, s := range o.Sites {
			if s != crawler.PaperSite {
				others = append(others, s)
			}
		}
		o.Sites = others // the walk replaces the site's own start page
	}
	if len(keywords) > 0 {
		o.Keywords = keywords
	}
	o.MaxBodyBytes, o.RequestTimeout = *maxSize<<20, *timeout
	if *since != "" {
		t, err := time.Parse("2006-01-02", *since)
		if err != nil {
			return &exitError{code: 2, msg: fmt.Sprintf("--since %q: want a date like 2024-01-31", *since)}
		}
		o.Since = t
	}
	c, err := collection.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer c.Close()

	var report func(crawler.Event)
	var line *crawlLine
	if *asJSON {
		enc := json.NewEncoder(stdout)
		report = func(ev crawler.Event) { enc.Encode(ev) }
	} else {
		line = &crawlLine{w: stderr, tty: isTerminal(stderr)}
		report = func(ev crawler.Event) { line.event(stdout, ev) }
	}
	sum, err := c.Crawl(ctx, o, report)
	if line != nil {
		line.finish()
	}
	if errors.Is(err, crawler.ErrNothingToCrawl) {
		fs.Usage()
		return &exitError{code: 2, msg: err.Error()}
	}
	if *asJSON {
		json.NewEncoder(stdout).Encode(map[string]any{"summary": sum})
	} else {
		printCrawlSummary(stdout, sum)
		printSites(stdout, sum)
	}
	switch {
	case err != nil:
		return fmt.Errorf("crawl stopped: %w (pages stored so far are kept; run crawl again to continue)", err)
	case ctx.Err() != nil:
		return &exitError{code: 130, msg: "interrupted: run `dangjian crawl` again to continue where it stopped"}
	case crawledNothing(sum):
		return &exitError{code: 1, msg: fmt.Sprintf("nothing could be crawled: no page was read (%d refused, %d failed, %d forbidden by robots.txt; the lines above say why)",
			sum.Refused, sum.Failed, sum.Disallowed)}
	}
	return nil
}

// crawledNothing is a run in which every page asked for was refused, failed or forbidden:
// the start pages were wrong or the site unreachable, whatever the exit status would say.
func crawledNothing(s crawler.Summary) bool {
	read := s.Stored + s.Duplicates + s.NotArticles + s.NotModified + s.Redirects
	return read == 0 && s.Refused+s.Failed+s.Disallowed > 0
}

// crawlSites lists the profiles --site accepts.
func crawlSites() []string {
	var names []string
	for _, p := range article.Profiles() {
		if len(p.Start) > 0 {
			names = append(names, p.Name)
		}
	}
	return names
}

// crawlLine prints stored documents and problems as they happen, one line each, and on a
// terminal keeps a live status line below them.
type crawlLine struct {
	w     io.Writer
	tty   bool
	drawn bool
	last  time.Time
}

func (l *crawlLine) event(stdout io.Writer, ev crawler.Event) {
	var msg string
	switch ev.Outcome {
	case "stored":
		note := ""
		if ev.Relevant != nil && !*ev.Relevant {
			note = "  [off-topic: kept, not indexed]"
		}
		msg = fmt.Sprintf("stored   %s  (id %d) %s%s", ev.URL, ev.DocID, ev.Title, note)
	case "duplicate":
		msg = fmt.Sprintf("skipped  %s  (same content as id %d)", ev.URL, ev.DocID)
	case "refused", "failed", "robots":
		msg = fmt.Sprintf("%-8s %s: %s", ev.Outcome, ev.URL, ev.Detail)
	}
	if msg != "" {
		l.clear()
		fmt.Fprintln(stdout, msg)
	}
	l.status(ev.Stats)
}

func (l *crawlLine) status(s crawler.Stats) {
	now := time.Now()
	interval := 5 * time.Second
	if l.tty {
		interval = 100 * time.Millisecond
	}
	if now.Sub(l.last) < interval {
		return
	}
	l.last = now
	text := fmt.Sprintf("crawl: %d fetched, %d queued, %d stored, %d errors, %.1f req/s", s.Fetched, s.Queued, s.Stored, s.Errors, s.Rate)
	if l.tty {
		fmt.Fprintf(l.w, "\r%s\033[K", text)
		l.drawn = true
		return
	}
	fmt.Fprintln(l.w, text)
}

func (l *crawlLine) clear() {
	if l.tty && l.drawn {
		fmt.Fprint(l.w, "\r\033[K")
		l.drawn = false
	}
}

func (l *crawlLine) finish() { l.clear() }

// printSites prints the run's pages by site profile and kind, and warns of a profile whose
// body or date selector found nothing.
func printSites(w io.Writer, s crawler.Summary) {
	for _, c := range s.Sites {
		fmt.Fprintf(w, "  %-14s %-8s %d fetched, %d stored", c.Site, c.Kind, c.Fetched, c.Stored)
		if c.NoBody > 0 {
			fmt.Fprintf(w, ", %d without article text", c.NoBody)
		}
		if c.NoDate > 0 {
			fmt.Fprintf(w, ", %d without a date", c.NoDate)
		}
		fmt.Fprintln(w)
		if c.Example != "" {
			fmt.Fprintf(w, "    check the %s profile's selectors on e.g. %s (dangjian crawl --check URL)\n", c.Site, c.Example)
		}
	}
}

func printCrawlSummary(w io.Writer, s crawler.Summary) {
	fmt.Fprintf(w, "%d pages fetched with %d requests in %s: %d stored", s.Fetched, s.Requests, s.Elapsed.Round(time.Millisecond), s.Stored)
	if s.Irrelevant > 0 {
		fmt.Fprintf(w, " (%d off-topic, kept but not indexed)", s.Irrelevant)
	}
	fmt.Fprintf(w, ", %d duplicates, %d not articles", s.Duplicates, s.NotArticles)
	for _, part := range []struct {
		n    int
		what string
	}{
		{s.NotModified, "unchanged"}, {s.Redirects, "redirects"}, {s.Disallowed, "forbidden by robots.txt"},
		{s.Refused, "refused"}, {s.Failed, "failed (tried again next crawl)"}, {s.Retries, "retries"},
	} {
		if part.n > 0 {
			fmt.Fprintf(w, ", %d %s", part.n, part.what)
		}
	}
	fmt.Fprintln(w)
	if s.Queued > 0 {
		fmt.Fprintf(w, "%d pages still queued (%s): run `dangjian crawl` again to continue\n", s.Queued, s.Stopped)
	}
	if s.Stored > 0 {
		fmt.Fprintln(w, "run `dangjian rebuild` to make the new documents searchable")
	}
}

// runCheck prints what the profile extracts from one page; exit 1 when the page gives no
// article body, so that a script can watch a profile.
func runCheck(ctx context.Context, o crawler.Options, url string, asJSON bool, stdout io.Writer) error {
	pc, err := collection.CheckPage(ctx, o, url)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	if asJSON {
		if err := writeJSON(stdout, pc); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "url:        %s\nstatus:     %d (%s)\nprofile:    %s\ntitle:      %s\npublished:  %s\nsource:     %s\ncharset:    %s\ncharacters: %d\n",
			pc.URL, pc.Status, pc.ContentType, pc.Profile, pc.Title, pc.Published, pc.Source, pc.Charset, pc.Characters)
		for _, l := range pc.Opening {
			fmt.Fprintf(stdout, "  | %s\n", l)
		}
		if pc.Problem != "" {
			fmt.Fprintf(stdout, "problem:    %s\n", pc.Problem)
		}
	}
	if pc.Characters == 0 {
		return &exitError{code: 1, msg: "no article text extracted from " + url}
	}
	return nil
}

// paperWalk reads --from, --to and --pages.
func paperWalk(from, to, pages, base string) (*crawler.PaperWalk, error) {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return nil, fmt.Errorf("--from %q: want a date like 2014-01-01", from)
	}
	t := f
	if to != "" {
		if t, err = time.Parse(time.DateOnly, to); err != nil {
			return nil, fmt.Errorf("--to %q: want a date like 2024-12-31", to)
		}
	}
	lo, hi, ok := strings.Cut(pages, "-")
	if !ok {
		hi = lo
	}
	first, err1 := strconv.Atoi(strings.TrimSpace(lo))
	last, err2 := strconv.Atoi(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("--pages %q: want a page or a range such as 1-4", pages)
	}
	w := &crawler.PaperWalk{Base: strings.TrimRight(base, "/"), From: f, To: t, First: first, Last: last}
	if _, err := w.LayoutURLs(); err != nil {
		return nil, fmt.Errorf("--from/--to/--pages: %v", err)
	}
	return w, nil
}
