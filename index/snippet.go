package index

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
)

// Snippets cuts up to max windows of about width characters around the places where terms
// (folded) occur in text, HTML-escaped, with each occurrence wrapped in <mark>. The text
// keeps its original characters; matching is done on its folded form.
func Snippets(text string, terms []string, max, width int) []string {
	o := newOriginal(text, hanzi.Fold(text))
	return snippets(o, 0, len(o.folded), terms, max, width)
}

// snippets is Snippets for the folded bytes [s, e) of a text whose original characters
// o restores. Occurrences are found in the folded bytes in text order, as far as the
// snippets need, and only the windows shown are restored: a common word in a long article
// costs what its first snippets do.
func snippets(o original, s, e int, terms []string, max, width int) []string {
	folded := o.folded[s:e]
	terms = slices.DeleteFunc(slices.Clone(terms), func(t string) bool { return t == "" })
	needles := make([][]byte, len(terms))
	for i, t := range terms {
		needles[i] = []byte(t)
	}
	longest := 0
	for _, t := range terms {
		longest = max0(longest, len(t))
	}
	// nextAt[i] is where terms[i] next occurs at or after the last search, -1 if nowhere.
	nextAt := make([]int, len(terms))
	for i := range nextAt {
		nextAt[i] = -2 // not searched yet
	}
	// next is the first occurrence at or after byte from, the longest term where several start.
	next := func(from int) (start, end int) {
		start = -1
		for i, t := range terms {
			if nextAt[i] == -2 || (nextAt[i] >= 0 && nextAt[i] < from) {
				nextAt[i] = -1
				if k := bytes.Index(folded[from:], needles[i]); k >= 0 {
					nextAt[i] = from + k
				}
			}
			if at := nextAt[i]; at >= 0 && (start < 0 || at < start || at == start && at+len(t) > end) {
				start, end = at, at+len(t)
			}
		}
		return start, end
	}
	var out []string
	for covered := 0; len(out) < max; {
		s0, e0 := next(covered)
		if s0 < 0 {
			break
		}
		// The window: up to pad characters on each side, within the line.
		pad := max0((width-utf8.RuneCount(folded[s0:e0]))/2, 0)
		ws, we := s0, e0
		for i := 0; i < pad && ws > 0 && folded[ws-1] != '\n'; i++ {
			_, size := utf8.DecodeLastRune(folded[:ws])
			ws -= size
		}
		for i := 0; i < pad && we < len(folded) && folded[we] != '\n'; i++ {
			_, size := utf8.DecodeRune(folded[we:])
			we += size
		}
		window := []rune(o.text(s+ws, s+we))
		// Occurrences that reach into the window are marked, clipped to it.
		from, to := max0(ws-longest+1, 0), min(we+longest-1, len(folded))
		var local [][2]int
		for _, t := range needles {
			for k := from; ; {
				i := bytes.Index(folded[k:to], t)
				if i < 0 {
					break
				}
				b, e := k+i, k+i+len(t)
				local = append(local, [2]int{runeOffset(folded, ws, b), runeOffset(folded, ws, e)})
				_, size := utf8.DecodeRune(folded[b:])
				k = b + size
			}
		}
		slices.SortFunc(local, func(a, b [2]int) int { return cmp.Or(a[0]-b[0], b[1]-a[1]) })
		lineStart, lineEnd := 0, len(window)
		if ws > 0 && folded[ws-1] != '\n' {
			lineStart = -1
		}
		if we < len(folded) && folded[we] != '\n' {
			lineEnd++
		}
		out = append(out, renderSnippet(window, 0, len(window), lineStart, lineEnd, local))
		covered = max0(we, s0+1)
	}
	return out
}

// runeOffset is the number of characters from byte ws to byte b of s, negative before ws.
func runeOffset(s []byte, ws, b int) int {
	if b < ws {
		return -utf8.RuneCount(s[b:ws])
	}
	return utf8.RuneCount(s[ws:b])
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
