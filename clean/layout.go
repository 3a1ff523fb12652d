package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind is what a text line does in the layout of a newspaper page.
type kind uint8

const (
	kindBody      kind = iota
	kindHeading        // a title or section heading
	kindDateline       // a line that opens a news item with its dateline
	kindContinued      // a line that continues an article from another page: (上接第一版)
	kindEnd            // a closing byline or credit line: 新华社记者(据新华社北京6月6日电)
)

// tail says whether a line stops in the middle of a sentence.
type tail uint8

const (
	tailNone   tail = iota
	tailWeak        // a heading-like line that ends without closing: maybe a heading, maybe cut
	tailStrong      // a paragraph that stops mid-sentence: a layout break cut it
)

// feature is what the layout rules see in one text line.
type feature struct {
	kind    kind
	level   int    // heading level: markdown '#' count, 0 for a plain short heading
	label   string // the dateline or marker matched, quoted in reasons
	jumpOut bool   // the line ends with (下转第二版): the article goes on on another page
	tail    tail
	frag    bool // the line starts like the middle of a sentence
	runes   int
}

var (
	// dateline matches a news item's opening: 据新华社北京6月6日电, 本报北京6月6日电,
	// 新华网重庆7月30日电, 本报讯, (记者 张三 报道).
	dateline = regexp.MustCompile(`^(?:[(（【\[]?(?:据)?[\p{Han}A-Za-z·\s]{0,16}?(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:电|讯)|[(（【\[]?本[报刊]讯|[(（]?(?:本报|新华社|人民日报)?记者[\p{Han}\s、·]{2,24}报道)`)

	// endLine matches a whole line that closes an article: a bracketed dateline, a paper credit,
	// a bracketed reporter line, a bare byline, or (完).
	endLine = regexp.MustCompile(`^(?:[\p{Han}\s]{0,12}[(（]据?[^()（）]{0,30}?日[电讯][)）]|[(（]《[^》]{1,20}》[^()（）]{0,30}版[)）]|[(（](?:本报|新华社)?(?:记者|通讯员)[^()（）]{1,30}[)）]|(?:本报|新华社|人民日报|中新社)?(?:记者|通讯员)[\p{Han}\s、·]{0,20}|[(（]完[)）])$`)

	// bareByline is a byline without brackets or dateline: it may open a report as well
	// as close one.
	bareByline = regexp.MustCompile(`^(?:本报|新华社|人民日报|中新社)?(?:记者|通讯员)[\p{Han}\s、·]{0,20}$`)

	// photoCredit is a picture's credit line (记者 王芳 摄): it stands under a photo
	// anywhere in an article and closes nothing.
	photoCredit = regexp.MustCompile(`(?:摄|摄影|供图|制图|绘图?)[)）]?$`)

	// continuedFrom and continuedOn are newspaper jump lines.
	continuedFrom = regexp.MustCompile(`^[(（]\s*上接第?\s*[一二三四五六七八九十\d]{1,3}\s*版\s*[)）]`)
	continuedOn   = regexp.MustCompile(`[(（]\s*下转第?\s*[一二三四五六七八九十\d]{1,3}\s*版\s*[)）]$`)

	markdownHeading = regexp.MustCompile(`^#{1,6}\s*`)

	// markdownPage is a heading as markdown writes it, with a space after the marks; a
	// page with one has its headings marked. A mark without the space (#洞窟艺术) is only
	// some site's way of tagging a line and says nothing about the others.
	markdownPage = regexp.MustCompile(`^#{1,6}\s`)

	// listNumber is a line that only numbers the item after it: 一、 (三) 2.
	listNumber = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])$`)
)

// maxHeadingRunes bounds plain headings; section headings of reviews run to about 55 characters.
const maxHeadingRunes = 64

// lineFeature reads the layout role of one trimmed, non-empty text line. A byline counts as
// closing only once its article has body text (started says so); at the top it opens it.
// On a page whose headings are marked with '#' (markdown), plainHeadings is false and
// every unmarked line is text, so a cut line is never mistaken for a heading.
func lineFeature(t string, started, plainHeadings bool) feature {
	f := feature{runes: utf8.RuneCountInString(t)}
	// The cheap tests before each pattern keep the regular expressions off ordinary lines.
	if t[0] == '#' {
		if m := markdownHeading.FindString(t); m != "" {
			f.kind, f.level = kindHeading, strings.Count(m, "#")
			return f
		}
	}
	head := t[:min(len(t), 90)]
	if m := continuedFrom.FindString(head); m != "" {
		f.kind, f.label = kindContinued, m
	} else if m := datelineAt(head); m != "" && !endLine.MatchString(t) {
		f.kind, f.label = kindDateline, strings.TrimSpace(m)
	} else if started && f.runes <= 60 && endLine.MatchString(t) && !photoCredit.MatchString(t) {
		f.kind, f.label = kindEnd, t
		return f
	}
	f.jumpOut = strings.Contains(t, "下转") && continuedOn.MatchString(t)
	if f.kind == kindBody {
		f.frag = startsMidSentence(t)
	}
	switch {
	case f.jumpOut:
	case listNumber.MatchString(t):
		f.kind = kindHeading
	case f.kind != kindBody:
		if endsOpen(t) {
			f.tail = tailStrong
		}
	case strings.ContainsAny(lastRuneString(t), "，,、"):
		f.tail = tailStrong
	case plainHeadings && !hasSentencePunct(t) && f.runes <= maxHeadingRunes && !f.frag:
		f.kind = kindHeading
		if endsOpen(t) {
			f.tail = tailWeak
		}
	case endsOpen(t):
		f.tail = tailStrong
	}
	return f
}

// datelineAt returns the dateline that opens head, if any.
func datelineAt(head string) string {
	if !strings.Contains(head, "电") && !strings.Contains(head, "讯") && !strings.Contains(head, "报道") {
		return ""
	}
	m := dateline.FindString(head)
	if m == "" || !datelineEnds(head[len(m):]) {
		return ""
	}
	return m
}

// datelineEnds checks what follows a dateline match: 日电 must not be the start of 电视 or 电力.
func datelineEnds(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsSpace(r) || strings.ContainsRune("(（【[:：丨|—-记", r)
}

// hasSentencePunct reports a sentence end anywhere in the line; headings have none.
func hasSentencePunct(t string) bool { return strings.ContainsAny(t, "。！？!?；;") }

// endsOpen reports a line that stops where a sentence cannot: after a character, a comma or
// an opening bracket. Colons and dashes introduce what follows and are not cuts.
func endsOpen(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("，,、“‘（(《", r)
}

func lastRuneString(t string) string {
	_, n := utf8.DecodeLastRuneInString(t)
	return t[len(t)-n:]
}

// soloStarts are the one-character words that do open sentences before a comma (但，… 对，…).
const soloStarts = "但对是好嗯啊哦唉喂不噢呃哎那这嘿"

// startsMidSentence reports a line that begins where no sentence begins: with closing
// punctuation, or with a single character and a comma (区，强化… — the end of a word cut
// off). A numeral and a comma number a point (二，…); a character and an enumeration
// comma often open a list of one-character names (省、自治区…), so they prove nothing.
func startsMidSentence(t string) bool {
	r, n := utf8.DecodeRuneInString(t)
	if strings.ContainsRune("，,、。．；;：:）)」』”’》〉】…%", r) {
		return true
	}
	if !unicode.Is(unicode.Han, r) || strings.ContainsRune(soloStarts, r) || strings.ContainsRune("一二三四五六七八九十", r) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(t[n:])
	return strings.ContainsRune("，,。；;", r2)
}
