package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
)

// Join records a paragraph repair: a line that a layout break cut mid-sentence (Tail) and
// the line found later on the page that completes it (Head). The kept text has
// Tail+Head (Head without leading white space) where Tail stood; nothing else is added.
type Join struct {
	Tail string `json:"tail"`
	Head string `json:"head"`
}

// joinWindow bounds how far down the page a continuation is looked for, in text lines, so
// repair stays linear on long documents.
const joinWindow = 200

// minJoinSimilarity is how close a continuation must be in topic to the text it would
// complete; a cut sentence continues its own article, not the one printed next to it.
const minJoinSimilarity = 0.12

// candidate is a possible continuation of a cut line.
type candidate struct {
	head      int
	plausible bool // the characters across the cut occur together elsewhere on the page
	adjacent  bool
	sim       float64
}

// better prefers a plausible cut, then the continuation closer in topic; the line right
// after the cut wins only a near tie.
func (c candidate) better(d candidate) bool {
	if c.plausible != d.plausible {
		return c.plausible
	}
	return c.score() > d.score()
}

func (c candidate) score() float64 {
	if c.adjacent {
		return c.sim + 0.03
	}
	return c.sim
}

// mark is a line filter with lines [from, to) of n set.
func mark(n, from, to int) []bool {
	in := make([]bool, n)
	for i := from; i < to; i++ {
		in[i] = true
	}
	return in
}

// findJoins pairs cut lines with their continuations, in page order, each line used once.
// Continuations are judged against the page's static segments (segs) and the main
// article's profile. It returns head for tail, by text-line index.
func (p *page) findJoins(segs []segment, main profile, inMain []bool) map[int]int {
	var joins map[int]int
	used := map[int]bool{}
	folded := ""
	segOf := segmentIndex(segs, len(p.feat))
	for t, f := range p.feat {
		if f.tail == tailNone {
			continue
		}
		if folded == "" {
			folded = hanzi.Fold(p.bodyText())
		}
		localProfile := p.profileOf(mark(len(p.feat), segs[segOf[t]].from, t+1))
		best := candidate{head: -1}
		end := min(len(p.feat), t+1+joinWindow)
		for h := t + 1; h < end; h++ {
			hf := p.feat[h]
			if used[h] || hf.kind != kindBody {
				continue
			}
			adjacent := h == t+1 && p.adjacent(t, h)
			startsAfterCut := hf.frag || p.feat[h-1].tail != tailNone
			if f.tail == tailWeak && !hf.frag || !adjacent && !startsAfterCut {
				continue
			}
			plausible := plausibleCut(folded, p.text(t), p.text(h))
			if !plausible && (!adjacent || f.tail == tailWeak) {
				continue
			}
			to := segs[segOf[h]].to
			sim, _ := p.closenessOf(h, to, main, inMain)
			local, _ := p.closenessOf(h, to, localProfile, nil)
			sim = max(sim, local)
			if sim < minJoinSimilarity {
				continue
			}
			c := candidate{head: h, plausible: plausible, adjacent: adjacent, sim: sim}
			if best.head < 0 || c.better(best) {
				best = c
			}
		}
		if best.head >= 0 {
			if joins == nil {
				joins = map[int]int{}
			}
			joins[t] = best.head
			used[best.head] = true
		}
	}
	return joins
}

// plausibleCut reports whether tail and head read as one sentence across the cut: the two
// characters that meet form a pair that occurs elsewhere on the page (解|决 where 解决
// occurs), a character repeated at the cut continues a pair on both sides (组织|织书记),
// or the head starts with punctuation that continues the tail's sentence.
func plausibleCut(folded, tailText, headText string) bool {
	a, an := utf8.DecodeLastRuneInString(tailText)
	b, bn := utf8.DecodeRuneInString(headText)
	a, b = hanzi.FoldRune(a), hanzi.FoldRune(b)
	if !unicode.Is(unicode.Han, a) {
		return false
	}
	if !unicode.Is(unicode.Han, b) {
		return strings.ContainsRune("，,、；;：:）)”’", b)
	}
	if occurs(folded, a, b) {
		return true
	}
	if a != b {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(tailText[:len(tailText)-an])
	after, _ := utf8.DecodeRuneInString(headText[bn:])
	return occurs(folded, hanzi.FoldRune(before), a) && occurs(folded, b, hanzi.FoldRune(after))
}

func occurs(folded string, a, b rune) bool {
	return unicode.Is(unicode.Han, a) && unicode.Is(unicode.Han, b) && strings.Contains(folded, string([]rune{a, b}))
}
