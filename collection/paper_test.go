package collection

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dangjian/dangjian/corpus"
	"github.com/dangjian/dangjian/crawler"
)

// paperSections names the pages of the loopback e-paper.
var paperSections = map[int]string{1: "要闻", 2: "经济", 3: "评论", 4: "党建", 5: "国际", 6: "体育"}

// paperServer is an e-paper on loopback in both of the site's layouts (the older before
// December 2024) with the markup skeletons of article/testdata/sites: six pages a day, each
// layout page listing all six by name and its own two articles; it counts article fetches.
func paperServer(articleFetches *atomic.Int32) *httptest.Server {
	oldLayout := regexp.MustCompile(`^/rmrb/html/(\d{4})-(\d{2})/(\d{2})/nbs\.D110000renmrb_(\d{2})\.htm$`)
	newLayout := regexp.MustCompile(`^/rmrb/pc/layout/(\d{4})(\d{2})/(\d{2})/node_(\d{2})\.html$`)
	oldArticle := regexp.MustCompile(`^/rmrb/html/(\d{4})-(\d{2})/(\d{2})/nw\.D110000renmrb_\d{8}_(\d)-(\d{2})\.htm$`)
	newArticle := regexp.MustCompile(`^/rmrb/pc/content/(\d{4})(\d{2})/(\d{2})/content_(\d)(\d{2})\.html$`)
	article := func(w http.ResponseWriter, y, m, d, n, page string) {
		articleFetches.Add(1)
		fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>人民日报</title></head><body><div class="article"><h3></h3><h1>%s年%s月%s日第%s版第%s篇 基层党建</h1><h2></h2><p class="sec">本报记者</p><div id="ozoom"><founder-content><p>%s年%s月%s日，某省深化基层党建工作，第%s版第%s篇报道各地党组织推进述职评议考核的做法与成效。</p><p>各级党组织书记认真履行抓基层党建第一责任人职责，推动基层党组织全面进步、全面过硬。</p></founder-content></div></div></body></html>`,
			y, m, d, page, n, y, m, d, page, n)
	}
	pageList := func(link func(p int) string, old bool) string {
		var b strings.Builder
		for p := 1; p <= len(paperSections); p++ {
			if old {
				fmt.Fprintf(&b, `<div class="right_title1"><div class="right_title-name"><a id="pageLink" href="%s">%02d版：%s</a></div><div class="right_title-pdf"><a href="../../../images/rmrb%02d.pdf">PDF</a></div></div>`, link(p), p, paperSections[p], p)
			} else {
				fmt.Fprintf(&b, `<div class="swiper-slide"><a href="%s">%02d版：%s</a></div>`, link(p), p, paperSections[p])
			}
		}
		return b.String()
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		p := r.URL.Path
		if m := oldLayout.FindStringSubmatch(p); m != nil {
			list := pageList(func(p int) string { return fmt.Sprintf("nbs.D110000renmrb_%02d.htm", p) }, true)
			fmt.Fprintf(w, `<html><body><div id="pageList"><ul>%s</ul></div><div id="titleList"><ul><li><a href="nw.D110000renmrb_%s%s%s_1-%s.htm">一</a></li><li><a href="nw.D110000renmrb_%s%s%s_2-%s.htm">二</a></li></ul></div></body></html>`,
				list, m[1], m[2], m[3], m[4], m[1], m[2], m[3], m[4])
			return
		}
		if m := newLayout.FindStringSubmatch(p); m != nil {
			list := pageList(func(p int) string { return fmt.Sprintf("node_%02d.html", p) }, false)
			fmt.Fprintf(w, `<html><body><div class="swiper-container"><div class="swiper-wrapper">%s</div></div><ul class="news-list"><li><a href="../../../content/%s%s/%s/content_1%s.html">一</a></li><li><a href="../../../content/%s%s/%s/content_2%s.html">二</a></li></ul></body></html>`,
				list, m[1], m[2], m[3], m[4], m[1], m[2], m[3], m[4])
			return
		}
		if m := oldArticle.FindStringSubmatch(p); m != nil {
			article(w, m[1], m[2], m[3], m[4], m[5])
			return
		}
		if m := newArticle.FindStringSubmatch(p); m != nil {
			article(w, m[1], m[2], m[3], m[4], m[5])
			return
		}
		http.NotFound(w, r)
	}))
}

// TestPaperDateWalk walks three days across the redesign, four pages a day: every article
// is stored once, and a second walk fetches no article again.
func TestPaperDateWalk(t *testing.T) {
	var fetches atomic.Int32
	srv := paperServer(&fetches)
	defer srv.Close()
	ctx := context.Background()
	c := newCollection(t)
	o := crawler.NewOptions()
	o.AllowPrivate, o.Rate, o.MaxDepth, o.Workers = true, 1000, 1, 4
	o.Paper = &crawler.PaperWalk{Base: srv.URL, From: time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), First: 1, Last: 4}
	sum, err := c.Crawl(ctx, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stored != 24 || fetches.Load() != 24 {
		t.Fatalf("walk: %d stored, %d article fetches, want 24 (3 days × 4 pages × 2): %+v", sum.Stored, fetches.Load(), sum)
	}
	// Every article is stored with its date and the page and section that listed it.
	titleRe := regexp.MustCompile(`^(\d{4})年(\d{2})月(\d{2})日第(\d{2})版`)
	err = c.Store.Each(ctx, func(d *corpus.Document) error {
		m := titleRe.FindStringSubmatch(d.Title)
		if m == nil {
			t.Errorf("document %d title %q", d.ID, d.Title)
			return nil
		}
		page, _ := strconv.Atoi(m[4])
		if d.Page != page || d.Section != paperSections[page] || d.Published != m[1]+"-"+m[2]+"-"+m[3] || d.Source != "人民日报" {
			t.Errorf("%s: stored page %d section %q published %q source %q, want page %d %s, %s-%s-%s, 人民日报",
				d.URL, d.Page, d.Section, d.Published, d.Source, page, paperSections[page], m[1], m[2], m[3])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	articles := 0
	for _, sc := range sum.Sites {
		if sc.Kind == crawler.KindArticle {
			articles += sc.Stored
			if sc.NoBody != 0 || sc.NoDate != 0 {
				t.Errorf("report %+v: the pages had bodies and dates", sc)
			}
		}
	}
	if articles != 24 {
		t.Errorf("the report's article lines store %d, want 24: %+v", articles, sum.Sites)
	}
	again, err := c.Crawl(ctx, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Stored != 0 || fetches.Load() != 24 {
		t.Errorf("second walk: %d stored, %d article fetches in all (want no article fetched again): %+v", again.Stored, fetches.Load(), again)
	}
}

// TestCrawlReportNamesABrokenProfile: an article page whose body selector matches nothing
// is counted and named in the run's report.
func TestCrawlReportNamesABrokenProfile(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/rmrb/pc/layout/202412/01/node_01.html":
			fmt.Fprint(w, `<html><body><div class="news-list"><a href="/rmrb/pc/content/202412/01/content_101.html">一</a></div></body></html>`)
		case "/rmrb/pc/content/202412/01/content_101.html":
			fmt.Fprint(w, `<html><head><title>改版后的文章</title></head><body><div id="ozoom"></div><div class="new-body"><p>正文换了容器，旧的选择器找不到它。</p></div></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c := newCollection(t)
	o := crawler.NewOptions()
	o.AllowPrivate, o.Rate, o.MaxDepth = true, 1000, 1
	o.Profile = crawler.PaperSite
	o.Paper = &crawler.PaperWalk{Base: srv.URL, From: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), First: 1, Last: 1}
	sum, err := c.Crawl(ctx, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, sc := range sum.Sites {
		if sc.Site == crawler.PaperSite && sc.Kind == crawler.KindArticle && sc.NoBody == 1 && strings.HasSuffix(sc.Example, "content_101.html") {
			found = true
		}
	}
	if !found {
		t.Errorf("the report does not name the page without a body: %+v", sum.Sites)
	}
}

// TestPaperArticleAlone: an older-layout article crawled without its layout page still gets
// the page its URL names (the section only a layout page gives).
func TestPaperArticleAlone(t *testing.T) {
	var fetches atomic.Int32
	srv := paperServer(&fetches)
	defer srv.Close()
	ctx := context.Background()
	c := newCollection(t)
	o := crawler.NewOptions()
	o.AllowPrivate, o.Rate, o.MaxDepth, o.Profile = true, 1000, 0, crawler.PaperSite
	o.URLs = []string{srv.URL + "/rmrb/html/2024-11/30/nw.D110000renmrb_20241130_2-03.htm"}
	if _, err := c.Crawl(ctx, o, nil); err != nil {
		t.Fatal(err)
	}
	d, err := c.Store.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if d.Page != 3 || d.Section != "" || d.Published != "2024-11-30" {
		t.Errorf("stored page %d section %q published %q, want page 3 from the URL", d.Page, d.Section, d.Published)
	}
}
