package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxWalkDepth bounds every recursive walk over the DOM; the parser itself
// refuses more than 512 open elements.
const maxWalkDepth = 600

// block is a line of inline content between two block-level boundaries or
// <br> elements; its owner is the nearest enclosing block-level element.
type block struct {
	owner     *html.Node
	text      string // rendered text; "\n" only inside <pre>
	chars     int    // non-space runes outside links
	linkChars int    // non-space runes inside links
	punct     int    // sentence punctuation outside links
}

func (b block) linkRatio() float64 {
	total := b.chars + b.linkChars
	if total == 0 {
		return 0
	}
	return float64(b.linkChars) / float64(total)
}

// isBlockElement reports whether the element breaks the text flow.
func isBlockElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Aside, atom.Header, atom.Footer, atom.Nav,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption,
		atom.Blockquote, atom.Pre, atom.Center, atom.Form, atom.Fieldset, atom.Hr, atom.Figure, atom.Figcaption,
		atom.Address, atom.Body, atom.Html, atom.Details, atom.Summary, atom.Menu, atom.Iframe, atom.Textarea, atom.Select:
		return true
	}
	return false
}

// isSkipped reports elements that never carry article text.
func isSkipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Canvas,
		atom.Template, atom.Head, atom.Select, atom.Option, atom.Button, atom.Input, atom.Textarea, atom.Map, atom.Audio, atom.Video:
		return true
	}
	return n.Type == html.ElementNode && n.Data == "svg"
}

// collectBlocks renders the subtree into blocks in document order.
func collectBlocks(root *html.Node) []block {
	var (
		blocks []block
		cur    block
		sb     strings.Builder
	)
	flush := func() {
		if cur.chars+cur.linkChars > 0 {
			cur.text = sb.String()
			blocks = append(blocks, cur)
		}
		cur = block{}
		sb.Reset()
	}
	var walk func(n, owner *html.Node, inLink, inPre bool, depth int)
	walk = func(n, owner *html.Node, inLink, inPre bool, depth int) {
		if depth > maxWalkDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			t := n.Data
			if !inPre {
				t = collapseSpace(t)
			}
			if t == "" {
				return
			}
			if cur.owner == nil {
				cur.owner = owner
			}
			sb.WriteString(t)
			c, p := countText(t)
			if inLink {
				cur.linkChars += c
			} else {
				cur.chars += c
				cur.punct += p
			}
			return
		case html.ElementNode:
		case html.DocumentNode:
		default:
			return
		}
		if n.Type == html.ElementNode {
			if isSkipped(n) {
				return
			}
			if n.DataAtom == atom.Br {
				// Each line is scored on its own: old pages set whole articles,
				// with their info lines and download links, as one <br>-separated cell.
				flush()
				return
			}
			if n.DataAtom == atom.A {
				// An <a> without href is an anchor target; broken pages leave
				// one open and would turn the rest of the page into "links".
				if _, ok := attrOK(n, "href"); ok {
					inLink = true
				}
			}
			if n.DataAtom == atom.Pre {
				inPre = true
			}
			if isBlockElement(n) {
				flush()
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, n, inLink, inPre, depth+1)
				}
				flush()
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, owner, inLink, inPre, depth+1)
		}
	}
	walk(root, root, false, false, 0)
	flush()
	return blocks
}

// collapseSpace turns runs of white space into one space, and drops the run
// entirely when it is a source line break between two CJK characters.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, isSpace) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	inSpace, sawNL := false, false
	for _, r := range s {
		if isSpace(r) && r != '\u3000' {
			if !inSpace {
				inSpace, sawNL = true, false
			}
			if r == '\n' || r == '\r' {
				sawNL = true
			}
			continue
		}
		if inSpace {
			if !(sawNL && isCJK(prev) && isCJK(r)) {
				b.WriteByte(' ')
			}
			inSpace = false
		}
		b.WriteRune(r)
		prev = r
	}
	if inSpace {
		b.WriteByte(' ')
	}
	return b.String()
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

// isSentencePunct reports punctuation that occurs in running prose but rarely
// in menus, link lists and footers.
func isSentencePunct(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！', '“', '”', '‘', '’', '（', '）', '《', '》', '…', ',', ';', '?', '!':
		return true
	}
	return false
}

// countText counts non-space runes and sentence punctuation.
func countText(s string) (chars, punct int) {
	for _, r := range s {
		if isSpace(r) {
			continue
		}
		chars++
		if isSentencePunct(r) {
			punct++
		}
	}
	return chars, punct
}

// runeLen counts the non-space runes of s.
func runeLen(s string) int {
	n := 0
	for _, r := range s {
		if !isSpace(r) {
			n++
		}
	}
	return n
}

// joinLines turns rendered text into one trimmed paragraph per line.
func joinLines(parts []string) string {
	var out []string
	for _, p := range parts {
		for _, line := range strings.Split(p, "\n") {
			line = strings.TrimFunc(line, isSpace)
			if line != "" && utf8.ValidString(line) {
				out = append(out, line)
			} else if line != "" {
				out = append(out, strings.ToValidUTF8(line, "\ufffd"))
			}
		}
	}
	return strings.Join(out, "\n")
}

// nodeText renders a node's text as lines.
func nodeText(n *html.Node) string {
	var parts []string
	for _, b := range collectBlocks(n) {
		parts = append(parts, b.text)
	}
	return joinLines(parts)
}

// attr returns the value of the named attribute.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
