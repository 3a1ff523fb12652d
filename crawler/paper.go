package crawler

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/dangjian/dangjian/article"
)

// The People's Daily e-paper is laid out page by page, day by day, in two URL schemes: up
// to November 2024 /rmrb/html/YYYY-MM/DD/nbs.D110000renmrb_NN.htm, from December 2024
// /rmrb/pc/layout/YYYYMM/DD/node_NN.html (public scrapers of the site use the first for
// 2021-06-08 and 2024-11-18 and the second for 2024-12-24: caspiankexin/people-daily-
// crawler-date, OddMiss's RMRB_Online.py "2024.12.25 v1: update RMRB info URL"). A date
// walk starts from the layout page of every chosen page of every day.

// PaperSite is the profile a date walk belongs to.
const PaperSite = "paper.people"

// paperSwitch is the first day of the newer layout.
var paperSwitch = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)

// PaperWalk chooses the e-paper's days and pages.
type PaperWalk struct {
	Base     string    // scheme and host, http://paper.people.com.cn unless testing
	From, To time.Time // days, both included
	First    int       // first page, 1 …
	Last     int       // last page
}

// maxPaperDays bounds one walk (thirty years of days).
const maxPaperDays = 30 * 366

// LayoutURLs lists the layout page of each chosen page of each day, in order, each in the
// scheme the site used that day.
func (w PaperWalk) LayoutURLs() ([]string, error) {
	from, to := day(w.From), day(w.To)
	switch {
	case to.Before(from):
		return nil, fmt.Errorf("the walk ends (%s) before it starts (%s)", to.Format(time.DateOnly), from.Format(time.DateOnly))
	case to.Sub(from) > maxPaperDays*24*time.Hour:
		return nil, fmt.Errorf("the walk spans more than %d days", maxPaperDays)
	case w.First < 1 || w.Last < w.First || w.Last > 99:
		return nil, fmt.Errorf("pages %d-%d: want 1 ≤ first ≤ last ≤ 99", w.First, w.Last)
	}
	base := w.Base
	if base == "" {
		base = "http://paper.people.com.cn"
	}
	var out []string
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		for p := w.First; p <= w.Last; p++ {
			if d.Before(paperSwitch) {
				out = append(out, fmt.Sprintf("%s/rmrb/html/%s/nbs.D110000renmrb_%02d.htm", base, d.Format("2006-01/02"), p))
			} else {
				out = append(out, fmt.Sprintf("%s/rmrb/pc/layout/%s/node_%02d.html", base, d.Format("200601/02"), p))
			}
		}
	}
	return out, nil
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

// profileFor is the profile forced on a page: the crawl's --profile, else the e-paper's for
// pages on the host a date walk was pointed at (a mirror or a test server does not carry the
// site's host name), else nil to let the page's host or markers decide.
func (c *Crawler) profileFor(pageURL string) *article.Profile {
	if c.forced != nil || c.paperHost == "" {
		return c.forced
	}
	if u, err := url.Parse(pageURL); err == nil && strings.EqualFold(u.Host, c.paperHost) {
		return c.paper
	}
	return nil
}

// paperArticleRe reads the page from an older article URL: nw.D110000renmrb_YYYYMMDD_K-PP.htm
// is article K of page PP.
var paperArticleRe = regexp.MustCompile(`/nw\.D\d+[a-z]+_\d{8}_\d+-(\d{2})\.htm$`)

// PaperPageOfURL is the printed page an older e-paper article URL names, 0 for any other
// URL (the newer content_N.html ones say nothing of their page).
func PaperPageOfURL(u string) int {
	m := paperArticleRe.FindStringSubmatch(u)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// paperPage is a printed page of a newspaper: its number and name (4, 要闻).
type paperPage struct {
	number int
	name   string
}

// pageLabelRe reads a page list's labels: 01版：要闻, 第04版：要闻, 第 4 版, 05版 评论.
var pageLabelRe = regexp.MustCompile(`^第?\s*0*(\d{1,3})\s*版\s*[:：]?\s*(.*)$`)

// parsePageLabel splits a page list's label into number and name.
func parsePageLabel(label string) (paperPage, bool) {
	m := pageLabelRe.FindStringSubmatch(strings.Join(strings.Fields(label), " "))
	if m == nil {
		return paperPage{}, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n == 0 {
		return paperPage{}, false
	}
	return paperPage{number: n, name: strings.TrimSpace(m[2])}, true
}

// paperPageOf finds the printed page a layout page shows: the label of the page list's
// anchor that leads back to the page itself. A layout page lists every page of the day,
// so the page's own entry is the only one whose link resolves to its URL.
func paperPageOf(doc *goquery.Document, base *url.URL, pageURL string, selectors []string) paperPage {
	if len(selectors) == 0 {
		return paperPage{}
	}
	var found paperPage
	doc.Find(strings.Join(selectors, ", ")).EachWithBreak(func(_ int, a *goquery.Selection) bool {
		ref, err := base.Parse(strings.TrimSpace(a.AttrOr("href", "")))
		if err != nil {
			return true
		}
		if u, err := canonicalURL(ref); err != nil || u.String() != pageURL {
			return true
		}
		pp, ok := parsePageLabel(a.Text())
		if ok {
			found = pp
		}
		return !ok
	})
	return found
}
