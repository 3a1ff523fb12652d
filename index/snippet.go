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

// snippets is Snippets for a text whose folded form (same runes, same positions) is at
// hand. Occurrences are found in the folded bytes; only the lines that give a snippet are
// decoded into runes, so a long article costs a scan, not a conversion.
func snippets(text, folded string, terms []string, max, width int) []string {
	var spans [][2]int // byte offsets in folded
	for _, t := range terms {
		if t == "" {
			continue
		}
		for at := 0; ; {
			k := strings.Index(folded[at:], t)
			if k < 0 {
				break
			}
			spans = append(spans, [2]int{at + k, at + k + len(t)})
			_, size := utf8.DecodeRuneInString(folded[at+k:])
			at += k + size
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var out []string
	covered := -1
	for _, sp := range spans {
		if len(out) >= max {
			break
		}
		if sp[0] < covered {
			continue
		}
		ls := strings.LastIndexByte(folded[:sp[0]], '\n') + 1
		le := len(folded)
		if k := strings.IndexByte(folded[sp[1]:], '\n'); k >= 0 {
			le = sp[1] + k
		}
		// Lines have the same numbers in both texts, not the same bytes.
		line := folded[ls:le]
		ols, ole := lineBounds(text, strings.Count(folded[:ls], "\n"), strings.Count(line, "\n"))
		orig := []rune(text[ols:ole])
		cb, cr := ls, 0 // spans come mostly in order: count runes on from the last one
		runeAt := func(b int) int {
			if b < cb {
				cb, cr = ls, 0
			}
			cr += utf8.RuneCountInString(folded[cb:b])
			cb = b
			return cr
		}
		var local [][2]int
		for _, o := range spans {
			if o[0] >= ls && o[1] <= le {
				local = append(local, [2]int{runeAt(o[0]), runeAt(o[1])})
			}
		}
		s, e := runeAt(sp[0]), runeAt(sp[1])
		pad := (width - (e - s)) / 2
		if pad < 0 {
			pad = 0
		}
		ws, we := max0(s-pad, 0), min(e+pad, len(orig))
		covered = ls
		for range we {
			_, size := utf8.DecodeRuneInString(folded[covered:])
			covered += size
		}
		out = append(out, renderSnippet(orig, ws, we, 0, len(orig), local))
	}
	return out
}

// lineBounds is the byte range of count+1 lines of text from line number first.
func lineBounds(text string, first, count int) (int, int) {
	start := 0
	for range first {
		k := strings.IndexByte(text[start:], '\n')
		if k < 0 {
			return len(text), len(text)
		}
		start += k + 1
	}
	end := start
	for i := 0; ; i++ {
		k := strings.IndexByte(text[end:], '\n')
		if k < 0 {
			return start, len(text)
		}
		if i == count {
			return start, end + k
		}
		end += k + 1
	}
}

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
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
