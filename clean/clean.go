// Package clean removes what is not the article from a page's text: share widgets, link
// lists, spam and footers (Lines), and on newspaper pages the other articles printed among
// it, rejoining sentences that the layout cut (Article).
package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dangjian/dangjian/corpus"
)

// Reasons given for removed lines; a reviewer reads them in `dangjian show`.
const (
	ReasonWidget   = "share widget"
	ReasonLinkList = "link list"
	ReasonSpam     = "spam"
	ReasonFooter   = "copyright footer"
	ReasonJunk     = "no text"
)

// widget matches lines that invite the reader to share, scan, print or resize: page chrome.
var widget = regexp.MustCompile(`(微信|手机)?扫一扫|長按識別|长按识别|扫描二维码|掃描二維碼|分享到[:：]?|打印本页|關閉窗口|关闭窗口|【字号|字號[:：]|字号[:：]|\[(打印|关闭|纠错)\]|返回顶部|回到顶部|责任编辑[:：]|责编[:：]|編輯[:：]|进入读者交流群|點擊進入|点击进入`)

// widgetChars has a character of every alternative of widget.
const widgetChars = "扫按描享印閉闭字[顶责編进點点"

// footer matches copyright, site registration and site-owner lines.
var footer = regexp.MustCompile(`(?i)copyright|版权所有|版權所有|ICP备|ICP證|ICP证|公网安备|公網安備|powered by|all rights reserved|违法和不良信息举报|互联网新闻信息服务许可证|网站地图|联系我们|關於我們|关于我们`)

// footerChars has a character of every alternative of footer, both cases for letters.
const footerChars = "cCiIpPaA版公违互网联關关"

// linkListHeading opens a list of links to other articles; the short lines after it go too.
var linkListHeading = regexp.MustCompile(`^[\s【\[]*(猜你喜欢|猜你喜歡|相关阅读|相關閱讀|相关新闻|相關新聞|相关文章|相關文章|推荐阅读|推薦閱讀|扩展阅读|擴展閱讀|延伸阅读|延伸閱讀|热点推荐|熱點推薦|热门文章|熱門文章|更多精彩|精彩推荐|精彩推薦|推荐阅读文章|扩展阅读文章)[\s】\]:：]*$`)

// spamWords are the vocabulary of the pornography and gambling link farms that get
// injected into copied pages; one of them alone proves nothing, several on a line do.
var spamWords = []string{
	"香蕉", "无码", "無碼", "久久", "夜夜", "人人爽", "在线观看", "線上看", "线观看", "免费视频", "国产精品",
	"國產", "国产", "日韩", "欧美", "亚洲", "av", "AV", "成人", "色情", "博彩", "彩票", "澳门", "威尼斯人",
	"百家乐", "老虎机", "开户", "高清", "福利", "伦理", "自拍", "偷拍", "精品",
}

// Lines splits text into lines and keeps those that are article text. It returns the kept
// text (lines joined by "\n", in order) and the removed lines with the reason for each.
// Article lines are never altered, only kept or dropped whole.
func Lines(text string) (kept string, removed []corpus.Removed) {
	lines := scanLines(normalizeBreaks(text))
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		switch {
		case l.noise != "":
			removed = append(removed, corpus.Removed{Text: l.text, Reason: l.noise})
		case l.text == "":
			out = append(out, "")
		default:
			out = append(out, l.raw)
		}
	}
	return joinCollapsed(out), removed
}

// line is one line of a page with where its trimmed text sits in the (break-normalised)
// input, and the reason line cleaning removes it ("" when it is text or blank).
type line struct {
	raw        string // the line as in the input, without its break
	text       string // raw without surrounding white space
	start, end int    // byte offsets of text in the input
	noise      string
}

func normalizeBreaks(text string) string { return strings.ReplaceAll(text, "\r\n", "\n") }

// scanLines splits text at "\n" and judges every line on its own, except that the short
// lines after a link-list heading belong to the list.
func scanLines(text string) []line {
	lines := make([]line, 0, strings.Count(text, "\n")+1)
	inLinkList := false
	pos := 0
	for raw := range strings.SplitSeq(text, "\n") {
		lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		t := strings.TrimSpace(raw)
		l := line{raw: raw, text: t, start: pos + lead, end: pos + lead + len(t)}
		pos += len(raw) + 1
		if t != "" {
			if inLinkList && !isShortLinkLine(t) {
				inLinkList = false
			}
			if inLinkList {
				l.noise = ReasonLinkList
			} else {
				l.noise = classify(t)
				inLinkList = l.noise == ReasonLinkList
			}
		}
		lines = append(lines, l)
	}
	return lines
}

// classify gives the reason a single line is not article text, or "" if it is.
func classify(t string) string {
	switch {
	case linkListHeading.MatchString(t):
		return ReasonLinkList
	case isSpam(t):
		return ReasonSpam
	case !hasLetters(t):
		return ReasonJunk
	}
	// Widget and footer words also occur in real sentences ("…关于我们党的建设…"), so only
	// short lines, the size of a widget or a footer, are judged by them.
	// The ContainsAny tests hold characters every pattern needs one of; they keep the
	// patterns, slow on long alternations, off most lines.
	n := utf8.RuneCountInString(t)
	if n <= 60 && strings.ContainsAny(t, widgetChars) && widget.MatchString(t) {
		return ReasonWidget
	}
	if n <= 120 && strings.ContainsAny(t, footerChars) && footer.MatchString(t) && !endsLikeSentence(t) {
		return ReasonFooter
	}
	return ""
}

func isSpam(t string) bool {
	if !hasSpamPair(t) {
		return false
	}
	hits := 0
	for _, w := range spamWords {
		if strings.Contains(t, w) {
			hits++
		}
	}
	return hits >= 3
}

// spamPairs holds the first two runes of every spam word. Looking them up in one pass
// over a line is much cheaper than searching the line for each word, and a line without
// any of them cannot be spam.
var spamPairs = func() map[[2]rune]bool {
	m := map[[2]rune]bool{}
	for _, w := range spamWords {
		rs := []rune(w)
		m[[2]rune{rs[0], rs[1]}] = true
	}
	return m
}()

// spamFirst is a bit set of the first runes of spamWords (all in the Basic Multilingual
// Plane), so most characters are passed over without a map lookup.
var spamFirst = func() (set [1 << 10]uint64) {
	for _, w := range spamWords {
		r, _ := utf8.DecodeRuneInString(w)
		set[r>>6] |= 1 << (r & 63)
	}
	return set
}()

func hasSpamPair(t string) bool {
	var prev rune
	for _, r := range t {
		if prev != 0 && spamPairs[[2]rune{prev, r}] {
			return true
		}
		prev = 0
		if r < 1<<16 && spamFirst[r>>6]&(1<<(r&63)) != 0 {
			prev = r
		}
	}
	return false
}

// hasLetters reports whether a line has any Han character, letter or digit; lines like "?"
// or "——" are layout debris.
func hasLetters(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isShortLinkLine is a line of a link list: short, and not ending like a sentence.
func isShortLinkLine(t string) bool {
	return utf8.RuneCountInString(t) <= 40 && !endsLikeSentence(t)
}

func endsLikeSentence(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。！？!?；;…", r)
}

// joinCollapsed joins lines, dropping runs of blank lines and leading/trailing blanks so
// removing a line does not leave holes in the text.
func joinCollapsed(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(strings.TrimRight(l, " \t"))
	}
	return b.String()
}
