package crawler

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/dangjian/dangjian/article"
)

// metaRefreshRe reads the target of <meta http-equiv="refresh" content="0; url=…">, which
// newspaper sites use to send their front page to the current issue.
var metaRefreshRe = regexp.MustCompile(`(?i)^\s*\d*\s*[;,]?\s*url\s*=\s*['"]?([^'"]+)`)

// discover returns the links of a fetched page that the crawl follows: on a page whose
// profile names list-link selectors, the anchors those select (falling back to all
// anchors when none match), in scope, not media or documents, within the depth limit,
// matching the site's URL patterns on known sites, and not dated before Since.
func (c *Crawler) discover(p *Page, text string, sc scope) []Link {
	base, err := url.Parse(p.URL)
	if err != nil {
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(strings.TrimSpace(href)); err == nil {
			base = b
		}
	}
	prof := c.profileFor(p.URL)
	if prof == nil {
		detected := article.DetectProfile(doc, p.URL)
		prof = &detected
	}
	anchors := doc.Find("a[href], area[href]")
	if len(prof.ListLinks) > 0 {
		if sel := doc.Find(strings.Join(slices.Concat(prof.ListLinks, prof.NextPage), ", ")); sel.Length() > 0 {
			anchors = sel
		}
	}
	var hrefs []string
	anchors.Each(func(_ int, s *goquery.Selection) {
		if h, ok := s.Attr("href"); ok {
			hrefs = append(hrefs, h)
		}
	})
	doc.Find(`meta[http-equiv]`).Each(func(_ int, s *goquery.Selection) {
		if strings.EqualFold(s.AttrOr("http-equiv", ""), "refresh") {
			if m := metaRefreshRe.FindStringSubmatch(s.AttrOr("content", "")); m != nil {
				hrefs = append(hrefs, m[1])
			}
		}
	})

	printed := paperPageOf(doc, base, p.URL, prof.PageNames)
	depth := p.Depth + 1
	if c.opts.MaxDepth >= 0 && depth > c.opts.MaxDepth {
		return nil
	}
	seen := map[string]bool{p.URL: true}
	var links []Link
	articles, oldArticles := 0, 0
	for _, h := range hrefs {
		h = strings.TrimSpace(h)
		if h == "" || strings.HasPrefix(h, "#") {
			continue
		}
		ref, err := base.Parse(h)
		if err != nil {
			continue
		}
		u, err := canonicalURL(ref)
		if err != nil || isSkippedLink(u) || !sc.allows(u) {
			continue
		}
		s := u.String()
		if seen[s] {
			continue
		}
		seen[s] = true
		kind := c.classify(u, prof)
		if kind == KindPage && c.restricted(u) {
			continue
		}
		// A date walk seeds every chosen page of every day itself; the page list on each
		// layout page would otherwise lead to the pages the user left out.
		if kind == KindList && c.opts.Paper != nil && prof.Name == PaperSite {
			continue
		}
		if kind == KindArticle {
			articles++
		}
		if !c.opts.Since.IsZero() && kind != KindList {
			if d, ok := urlDate(u); ok && d.Before(c.opts.Since) {
				oldArticles++
				continue
			}
		}
		l := Link{URL: s, Kind: kind, Depth: depth, Referrer: p.URL}
		if kind == KindArticle {
			l.Page, l.Section = printed.number, printed.name
		}
		links = append(links, l)
	}
	// A list whose articles are all older than Since ends the walk down its pagination.
	if articles > 0 && oldArticles == articles {
		kept := links[:0]
		for _, l := range links {
			if l.Kind != KindList {
				kept = append(kept, l)
			}
		}
		links = kept
	}
	return links
}
