package index

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
)

// Snippets cuts up to max windows of about width characters around the places where terms
// (folded) occur in text, HTML-escaped, with each occurrence wrapped in <mark>. The text
// keeps its original characters; matching is done on its folded form.
func Snippets(text string, terms []string, max, width int) []string {
	return snippets(text, hanzi.Fold(text), terms, max, width)
}

// snippets is Snippets for a text whose folded form is at hand.
func snippets(text, foldedText string, terms []string, max, width int) []string {
	orig := []rune(text)
	folded := []rune(foldedText)
	if len(folded) != len(orig) {
		folded = orig
	}
	var spans [][2]int
	for _, t := range terms {
		tr := []rune(t)
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(folded); i++ {
			if runesEqual(folded[i:i+len(tr)], tr) {
				spans = append(spans, [2]int{i, i + len(tr)})
			}
		}
	}
	if len(spans) == 0 {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out []string
	covered := -1
	for _, sp := range spans {
		if sp[0] < covered || len(out) >= max {
			continue
		}
		lineStart, lineEnd := sp[0], sp[1]
		for lineStart > 0 && orig[lineStart-1] != '\n' {
			lineStart--
		}
		for lineEnd < len(orig) && orig[lineEnd] != '\n' {
			lineEnd++
		}
		pad := (width - (sp[1] - sp[0])) / 2
		if pad < 0 {
			pad = 0
		}
		ws, we := max0(sp[0]-pad, lineStart), min(sp[1]+pad, lineEnd)
		covered = we
		out = append(out, renderSnippet(orig, ws, we, lineStart, lineEnd, spans))
	}
	return out
}

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func renderSnippet(orig []rune, ws, we, lineStart, lineEnd int, spans [][2]int) string {
	var b strings.Builder
	if ws > lineStart {
		b.WriteString("…")
	}
	i := ws
	for _, sp := range spans {
		if sp[1] <= i || sp[0] >= we {
			continue
		}
		s := max0(sp[0], i)
		e := min(sp[1], we)
		b.WriteString(escape(orig[i:s]))
		b.WriteString("<mark>")
		b.WriteString(escape(orig[s:e]))
		b.WriteString("</mark>")
		i = e
	}
	b.WriteString(escape(orig[i:we]))
	if we < lineEnd {
		b.WriteString("…")
	}
	return b.String()
}

func escape(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs) * 3)
	for _, r := range rs {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case utf8.RuneError:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
