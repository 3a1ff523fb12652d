// Package article turns the raw bytes of a web page or text file into an article: decoded text, main body, title, publication date, source and author.
package article

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Article is what a page or file says, separated from its chrome.
type Article struct {
	Title     string
	Text      string    // main body, paragraphs separated by "\n" (one paragraph per line, blank lines collapsed)
	Published time.Time // zero if unknown; date (and time if stated) of publication
	Source    string    // the publisher/outlet as stated (人民网, 新华网, 人民日报 …) or ""
	Author    string
	Charset   string
	Profile   string // name of the site profile used ("generic" for the fallback)
}

// minProfileChars is the least body text a profile selector must find before
// it is trusted over the generic extractor.
const minProfileChars = 40

// FromHTML extracts the article from a page, choosing the site profile by the
// host of pageURL or, for saved pages, by the page's own markers.
func FromHTML(raw []byte, contentType, pageURL string) (Article, error) {
	return fromHTML(raw, contentType, pageURL, "")
}

// FromHTMLWithProfile is FromHTML with the named profile forced.
func FromHTMLWithProfile(raw []byte, contentType, pageURL, profileName string) (Article, error) {
	if _, ok := ProfileByName(profileName); !ok {
		return Article{}, fmt.Errorf("article: unknown profile %q (known: %s)", profileName, strings.Join(profileNames(), ", "))
	}
	return fromHTML(raw, contentType, pageURL, profileName)
}

func fromHTML(raw []byte, contentType, pageURL, forced string) (Article, error) {
	text, cs, err := Decode(raw, contentType)
	if err != nil {
		return Article{}, fmt.Errorf("article: %w", err)
	}
	doc, err := parseHTML(text)
	if err != nil {
		return Article{}, fmt.Errorf("article: %w", err)
	}
	page := goquery.NewDocumentFromNode(doc)

	canonical := pageURL
	if canonical == "" {
		canonical = selfURL(page)
	}
	var prof Profile
	if forced != "" {
		prof, _ = ProfileByName(forced)
	} else {
		prof = DetectProfile(page, pageURL)
	}

	a := Article{Charset: cs, Profile: prof.Name}
	a.Title = findTitle(page, prof)

	// Metadata is read before pruning: dates and sources often sit in blocks
	// that pruning removes as chrome.
	all := collectBlocks(doc)
	pm := readPageMeta(page, prof)

	body := profileBody(page, prof)
	if body == nil {
		a.Profile = genericName
		prune(doc)
		body = mainBlocks(collectBlocks(doc))
	}
	body = trimBody(body, a.Title)
	var parts []string
	for _, b := range body {
		parts = append(parts, b.text)
	}
	a.Text = joinLines(parts)

	a.Published = findPublished(pm, all, body, a.Title, canonical)
	if a.Source = findSource(pm, all, a.Title, a.Text); a.Source == "" {
		a.Source = prof.Publisher
	}
	a.Author = findAuthor(pm, all, a.Title)
	return a, nil
}

// parseHTML parses the page; a page nested deeper than the parser accepts is
// flattened first so that it still yields its text.
func parseHTML(text string) (*html.Node, error) {
	doc, err := html.Parse(strings.NewReader(text))
	if err == nil {
		return doc, nil
	}
	doc, err2 := html.Parse(strings.NewReader(flattenDeep(text)))
	if err2 != nil {
		return nil, fmt.Errorf("parse html: %w", errors.Join(err, err2))
	}
	return doc, nil
}

// flattenDeep drops start and end tags beyond a nesting depth, keeping text.
func flattenDeep(text string) string {
	const limit = 200
	z := html.NewTokenizer(strings.NewReader(text))
	var b bytes.Buffer
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			depth++
			if depth > limit {
				continue
			}
		case html.EndTagToken:
			depth--
			if depth >= limit {
				continue
			}
		}
		b.Write(z.Raw())
	}
}

// selfURL is the URL the page states for itself (canonical link or og:url).
func selfURL(page *goquery.Document) string {
	if href, ok := page.Find(`link[rel="canonical"]`).Attr("href"); ok && strings.HasPrefix(href, "http") {
		return href
	}
	if u, ok := page.Find(`meta[property="og:url"]`).Attr("content"); ok && strings.HasPrefix(u, "http") {
		return u
	}
	return ""
}

// DetectProfile chooses the profile for a page as FromHTML does: by the host of pageURL,
// else by the URL the page states for itself (canonical link, og:url), else by the site's
// markers in the page, else the generic profile. A crawler uses it to read list pages
// with the same profile that extraction will use.
func DetectProfile(page *goquery.Document, pageURL string) Profile {
	if prof, ok := ProfileForURL(pageURL); ok {
		return prof
	}
	if prof, ok := ProfileForURL(selfURL(page)); ok {
		return prof
	}
	return profileByMarkers(page)
}

func profileByMarkers(page *goquery.Document) Profile {
	for _, p := range siteProfiles() {
		for _, m := range p.Markers {
			if page.Find(m).Length() > 0 {
				return p
			}
		}
	}
	return Profile{Name: genericName}
}

// profileBody applies the profile's body selectors; nil means "use generic".
func profileBody(page *goquery.Document, prof Profile) []block {
	for _, sel := range prof.Body {
		s := page.Find(sel).First()
		if s.Length() == 0 {
			continue
		}
		n := s.Get(0)
		for _, d := range prof.Drop {
			s.Find(d).Remove()
		}
		prune(n)
		blocks := collectBlocks(n)
		chars := 0
		for _, b := range blocks {
			if b.linkRatio() <= 0.5 {
				chars += b.chars
			}
		}
		if chars >= minProfileChars {
			return blocks
		}
	}
	return nil
}

var (
	metaLineRe   = regexp.MustCompile(`^(来源|作者|编辑|责任编辑|记者|发布|时间|日期|字号|浏览|点击|阅读|【字体|字体|打印|分享)`)
	chromeTailRe = regexp.MustCompile(`(责任编辑|编辑[:：]|分享到|打印本页|关闭窗口|纠错|返回顶部|上一篇|下一篇|扫一扫|版权所有|Copyright|©|相关阅读|相关新闻|推荐阅读)`)
	// A legal or reprint notice after the article starts the page footer.
	noticeRe = regexp.MustCompile(`^[【\[]?(版权声明|免责声明|反侵权公告|侵权声明|郑重声明|声明[:：]|原创版权|转载申请|版权所有|本文版权|未经授权)`)
)

// Longest lines that trimBody treats as metadata before, or widgets after, the body.
const (
	maxMetaLine   = 80
	maxChromeLine = 60
)

// trimBody drops link lists inside the body, the title and metadata lines
// before the first paragraph, and widget lines after the last one.
func trimBody(blocks []block, title string) []block {
	var kept []block
	for _, b := range blocks {
		if b.linkRatio() > 0.5 {
			continue
		}
		kept = append(kept, b)
	}
	normTitle := squeeze(title)
	for len(kept) > 0 {
		b := kept[0]
		t := squeeze(b.text)
		n := runeLen(b.text)
		isTitle := normTitle != "" && (t == normTitle || (n >= 4 && strings.Contains(normTitle, t)))
		_, _, hasDate := findDate(b.text)
		isMeta := n <= maxMetaLine && (metaLineRe.MatchString(t) || (hasDate && b.punct <= 2))
		if !isTitle && !isMeta {
			break
		}
		kept = kept[1:]
	}
	for i := len(kept) / 2; i < len(kept); i++ {
		if i > 0 && noticeRe.MatchString(squeeze(kept[i].text)) {
			kept = kept[:i]
			break
		}
	}
	for len(kept) > 0 {
		b := kept[len(kept)-1]
		if runeLen(b.text) > maxChromeLine || !chromeTailRe.MatchString(b.text) {
			break
		}
		kept = kept[:len(kept)-1]
	}
	return kept
}

// squeeze removes all white space, for comparing texts laid out differently.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// selText is the text of the first element matched by any selector.
func selText(page *goquery.Document, sels []string) (string, *html.Node) {
	for _, sel := range sels {
		var found string
		var node *html.Node
		page.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			t := strings.TrimSpace(strings.Join(strings.Fields(nodeText(s.Get(0))), " "))
			if t != "" {
				found, node = t, s.Get(0)
				return false
			}
			return true
		})
		if found != "" {
			return found, node
		}
	}
	return "", nil
}

func isHeading(n *html.Node) bool {
	return n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3
}
