package article

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Class and id words that mark page chrome. Long words match anywhere in a
// token, short ones only at its start ("hot" must not match "photo").
var (
	chromeWordsAnywhere = []string{"comment", "share", "footer", "copyright", "banquan", "breadcrumb", "crumb",
		"recommend", "tuijian", "sidebar", "related", "relate", "fenxiang", "paihang", "qrcode", "subscribe",
		"advert", "guanggao", "sponsor", "popup", "pagination", "social", "weixin", "toolbar", "widget", "navbar",
		"login", "xgxw", "xgyd", "rdph", "jctj", "topnav", "navigation"}
	chromeWordPrefixes = []string{"nav", "menu", "hot", "rank", "foot", "tag", "search", "pager", "bottom", "banner", "ewm", "gg_", "ads", "ad"}
	contentWords       = []string{"content", "article", "main", "body", "text", "detail", "zhengwen", "post", "entry", "story", "zw"}
	classTokenRe       = regexp.MustCompile(`[^a-z0-9]+`)
)

// isChromeByName judges an element by its class and id.
func isChromeByName(n *html.Node) bool {
	name := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if strings.TrimSpace(name) == "" {
		return false
	}
	chrome, content := false, false
	for _, tok := range classTokenRe.Split(name, -1) {
		if tok == "" {
			continue
		}
		for _, w := range contentWords {
			if strings.HasPrefix(tok, w) || (len(w) > 3 && strings.Contains(tok, w)) {
				content = true
			}
		}
		for _, w := range chromeWordsAnywhere {
			if strings.Contains(tok, w) {
				chrome = true
			}
		}
		for _, w := range chromeWordPrefixes {
			if tok == w || (len(w) > 2 && strings.HasPrefix(tok, w)) {
				chrome = true
			}
		}
	}
	return chrome && !content
}

var hiddenStyleRe = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// prune removes elements that never belong to the article text.
func prune(root *html.Node) {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if depth > maxWalkDepth || removable(c) {
				n.RemoveChild(c)
			} else {
				walk(c, depth+1)
			}
			c = next
		}
	}
	walk(root, 0)
}

func removable(n *html.Node) bool {
	switch n.Type {
	case html.CommentNode, html.DoctypeNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if isSkipped(n) {
		return true
	}
	switch n.DataAtom {
	case atom.Nav, atom.Footer, atom.Aside:
		return true
	case atom.Body, atom.Html, atom.Form: // old sites wrap the whole page in one <form>
		return false
	}
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if hiddenStyleRe.MatchString(attr(n, "style")) {
		return true
	}
	if commentNameRe.MatchString(attr(n, "class") + " " + attr(n, "id")) {
		// Reader comments are prose too, so they are dropped by name alone.
		return true
	}
	return isChromeByName(n) && !holdsProse(n)
}

var commentNameRe = regexp.MustCompile(`(?i)comment|pinglun|replies|reply|liuyan|discuss`)

// holdsProse guards name-based pruning: a container named like a widget
// ("js_img_share_area") but holding paragraphs of prose is kept.
func holdsProse(n *html.Node) bool {
	chars, links, punct := 0, 0, 0
	for _, b := range collectBlocks(n) {
		chars += b.chars
		links += b.linkChars
		punct += b.punct
	}
	return punct >= 15 && links*3 < chars
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// blockValue is a block's contribution to the score of each element that
// contains it: prose counts for, link lists and unpunctuated chrome against.
func blockValue(b block) float64 {
	total := float64(b.chars + b.linkChars)
	if b.linkRatio() > 0.5 {
		return -total
	}
	if b.chars == 0 {
		return -total
	}
	// Chinese prose has a sentence mark every 10–15 characters.
	f := float64(b.punct) / float64(b.chars) / 0.03
	if f > 1 {
		f = 1
	}
	return float64(b.chars)*(1.3*f-0.3) - float64(b.linkChars)
}

// mainBlocks returns the run of consecutive blocks whose values sum highest:
// the article's paragraphs, with whatever little chrome sits between them,
// whether or not the page wraps them in one container.
func mainBlocks(blocks []block) []block {
	bestSum, bestLo, bestHi := 0.0, 0, -1
	sum, lo := 0.0, 0
	for i, b := range blocks {
		if sum <= 0 {
			sum, lo = 0, i
		}
		sum += blockValue(b)
		if sum > bestSum {
			bestSum, bestLo, bestHi = sum, lo, i
		}
	}
	return blocks[bestLo : bestHi+1]
}
