package article

import (
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

var (
	// Site names appended to <title>: "标题 - 人民网", "标题_新华网", "标题|河南日报网".
	titleSepRe = regexp.MustCompile(`\s+[-–—－|｜]\s+|\s*[_|｜]\s*|\s*－+\s*|\s*--+\s*`)
	sourceRe   = regexp.MustCompile(`(?:来源|來源|来自|出处|出處|稿源)\s*[:：]\s*(.{1,40})`)
	authorRe   = regexp.MustCompile(`(?:作者|文\s*/|撰稿)\s*[:：]?\s*([^\s:：|，,（(]{2,24})`)
	// The outlet of a dateline: "新华网重庆7月30日电", "新华社北京2024年6月6日电".
	datelineRe    = regexp.MustCompile(`^[（(【\[]?\s*(?:据)?([\p{Han}]{2,6}?(?:网|社|报|台))[\p{Han}]{0,8}?(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日(?:电|讯)`)
	metaDateNames = []string{"article:published_time", "og:published_time", "og:release_date", "pubdate", "publishdate", "publish_date",
		"publishtime", "publish-date", "published_time", "datepublished", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "date", "created"}
	sourceSplitRe = regexp.MustCompile(`[-－—–]+`)
)

// findTitle: profile selector, og:title or a heading that matches <title>,
// else <title> without the site name.
func findTitle(page *goquery.Document, prof Profile) string {
	if t, _ := selText(page, prof.Title); t != "" {
		return t
	}
	docTitle := strings.TrimSpace(strings.Join(strings.Fields(page.Find("title").First().Text()), " "))
	squeezedDocTitle := squeeze(docTitle)
	if og, ok := page.Find(`meta[property="og:title"]`).Attr("content"); ok && strings.TrimSpace(og) != "" {
		return stripSiteName(strings.TrimSpace(og))
	}
	var heading string
	page.Find("h1, h2, h3").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t := strings.TrimSpace(strings.Join(strings.Fields(s.Text()), " "))
		if n := runeLen(t); n >= 4 && n <= 120 && squeezedDocTitle != "" && strings.Contains(squeezedDocTitle, squeeze(t)) {
			heading = t
			return false
		}
		return true
	})
	if heading != "" {
		return heading
	}
	if docTitle != "" {
		return stripSiteName(docTitle)
	}
	t, _ := selText(page, []string{"h1", "h2"})
	return t
}

// stripSiteName keeps the longest part of a title split at site-name separators.
func stripSiteName(t string) string {
	parts := titleSepRe.Split(t, -1)
	best := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if runeLen(p) > runeLen(best) {
			best = p
		}
	}
	if best == "" {
		return strings.TrimSpace(t)
	}
	return best
}

// window returns the page blocks around the title and the start of the body,
// where a page states its own date, source and author.
func window(all []block, title string, body []block) []block {
	ti := titleIndex(all, title)
	bi := -1
	if len(body) > 0 {
		for i, b := range all {
			if b.owner == body[0].owner && b.text == body[0].text {
				bi = i
				break
			}
		}
	}
	lo, hi := 0, 0
	switch {
	case ti >= 0 && bi > ti:
		lo, hi = ti, min(bi+3, ti+40)
	case ti >= 0:
		lo, hi = ti, ti+12
	case bi >= 0:
		lo, hi = bi-8, bi+3
	default:
		return nil
	}
	lo = max(lo, 0)
	hi = min(hi, len(all))
	return all[lo:hi]
}

func titleIndex(all []block, title string) int {
	t := squeeze(title)
	if runeLen(t) < 2 {
		return -1
	}
	fallback := -1
	for i, b := range all {
		s := squeeze(b.text)
		if s == t || (strings.Contains(s, t) && len(s) <= len(t)+30) {
			if isHeading(b.owner) {
				return i
			}
			if fallback < 0 {
				fallback = i
			}
		}
	}
	return fallback
}

// pageMeta is what the page states about itself in elements that pruning
// removes (the head, info bars), read before the body is extracted.
type pageMeta struct {
	published, source, author string // texts of the profile's selectors
	metaPublished             time.Time
	metaSource, metaAuthor    string
}

func readPageMeta(page *goquery.Document, prof Profile) pageMeta {
	var m pageMeta
	m.published, _ = selText(page, prof.Published)
	m.source, _ = selText(page, prof.Source)
	m.author, _ = selText(page, prof.Author)
	m.metaPublished, _ = metaDate(page)
	m.metaSource = page.Find(`meta[name="source"], meta[name="Source"]`).AttrOr("content", "")
	m.metaAuthor = page.Find(`meta[name="author"], meta[name="Author"]`).AttrOr("content", "")
	return m
}

func findPublished(pm pageMeta, all, body []block, title, pageURL string) time.Time {
	if d, _, ok := findDate(pm.published); ok {
		return d
	}
	if !pm.metaPublished.IsZero() {
		return pm.metaPublished
	}
	if d, ok := nearDate(window(all, title, body)); ok {
		return d
	}
	if d, ok := dateFromURL(pageURL); ok {
		return d
	}
	bodyText := blocksText(body)
	if d, _, ok := dateFromCredit(bodyText); ok {
		return d
	}
	if d, ok := labelledDate(blocksText(all)); ok {
		return d
	}
	return time.Time{}
}

func metaDate(page *goquery.Document) (time.Time, bool) {
	values := map[string]string{}
	page.Find("meta").Each(func(_ int, s *goquery.Selection) {
		key := strings.ToLower(s.AttrOr("property", s.AttrOr("name", s.AttrOr("itemprop", s.AttrOr("http-equiv", "")))))
		if v := s.AttrOr("content", ""); key != "" && v != "" {
			if _, seen := values[key]; !seen {
				values[key] = v
			}
		}
	})
	for _, k := range metaDateNames {
		if v, ok := values[k]; ok {
			if d, ok := parseDateValue(v); ok {
				return d, true
			}
		}
	}
	if v, ok := page.Find("time[datetime]").First().Attr("datetime"); ok {
		if d, ok := parseDateValue(v); ok {
			return d, true
		}
	}
	return time.Time{}, false
}

// nearDate takes the first date stated on a short line of the window.
func nearDate(win []block) (time.Time, bool) {
	for _, b := range win {
		if runeLen(b.text) > 160 {
			if d, ok := labelledDate(b.text); ok {
				return d, true
			}
			continue
		}
		if d, _, ok := findDate(b.text); ok {
			return d, true
		}
	}
	return time.Time{}, false
}

func blocksText(bs []block) string {
	var sb strings.Builder
	for _, b := range bs {
		sb.WriteString(b.text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func findSource(pm pageMeta, all []block, title, text string) string {
	if s := cleanSource(pm.source); s != "" {
		return s
	}
	if s := cleanSource(pm.metaSource); s != "" {
		return s
	}
	near := window(all, title, nil)
	for _, b := range near {
		if m := sourceRe.FindStringSubmatch(b.text); m != nil {
			if s := cleanSource(m[1]); s != "" {
				return s
			}
		}
	}
	if s := sourceFromText(text); s != "" {
		return s
	}
	// Newspaper pages print the credit line (《人民日报》2024年06月07日 第01版) beside the
	// headline rather than in the body.
	for _, b := range near {
		if _, paper, ok := dateFromCredit(b.text); ok {
			return paper
		}
	}
	return ""
}

// sourceFromText reads the outlet from a credit line, a "来源" line or a dateline.
func sourceFromText(text string) string {
	if _, paper, ok := dateFromCredit(text); ok {
		return paper
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if i >= 12 {
			break
		}
		if m := sourceRe.FindStringSubmatch(line); m != nil {
			if s := cleanSource(m[1]); s != "" {
				return s
			}
		}
	}
	for i, line := range lines {
		if i >= 6 {
			break
		}
		if m := datelineRe.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			return m[1]
		}
	}
	return ""
}

// cleanSource reduces "来源：人民网－人民日报 2024年06月07日" to the outlet name.
func cleanSource(s string) string {
	s = strings.TrimSpace(s)
	if m := sourceRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	if _, off, ok := findDate(s); ok {
		s = s[:off]
	}
	s = strings.TrimSpace(s)
	// A journal is named in title marks and followed by its issue: 《求是》2019/23.
	if rest, ok := strings.CutPrefix(s, "《"); ok {
		if name, _, ok := strings.Cut(rest, "》"); ok {
			s = name
		}
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return isSpace(r) || strings.ContainsRune("|｜，,;；【[", r) }); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, "原创稿")
	parts := sourceSplitRe.Split(s, -1)
	best := parts[0]
	for _, p := range parts[1:] {
		if strings.HasSuffix(p, "报") {
			best = p
		}
	}
	best = strings.Trim(best, " 　:：()（）《》")
	switch best {
	case "来源", "來源", "来自", "出处", "出處", "稿源":
		return "" // a label with nothing after it
	}
	if n := runeLen(best); n < 2 || n > 20 {
		return ""
	}
	return best
}

func findAuthor(pm pageMeta, all []block, title string) string {
	if a := cleanAuthor(pm.author); a != "" {
		return a
	}
	if a := cleanAuthor(pm.metaAuthor); a != "" {
		return a
	}
	for _, b := range window(all, title, nil) {
		if m := authorRe.FindStringSubmatch(b.text); m != nil {
			if a := cleanAuthor(m[1]); a != "" {
				return a
			}
		}
	}
	return ""
}

var authorPrefixRe = regexp.MustCompile(`^(作者|记者|文|撰稿|编辑|责任编辑|责编)\s*[:：/]?\s*`)

func cleanAuthor(s string) string {
	s = strings.TrimSpace(strings.Join(strings.Fields(s), " "))
	s = authorPrefixRe.ReplaceAllString(s, "")
	s = strings.Trim(s, "()（）[]【】 ")
	if n := runeLen(s); n < 2 || n > 30 || strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0 {
		return ""
	}
	return s
}
