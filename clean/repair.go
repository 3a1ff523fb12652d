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

// minContinuation is the least size, in Han characters, of a continuation further down
// the page: in a few characters any pair of texts shares something.
const minContinuation = 12

// distantMargin is how much closer in topic a continuation further down the page must be
// than the line right after the cut to be preferred to it: the next line is where a
// sentence normally goes on.
const distantMargin = 0.1

// candidate is a possible continuation of a cut line.
type candidate struct {
	head int
	sim  float64
}

// findJoins pairs cut lines with their continuations, in page order, each line used once.
// Continuations are judged against the page's static segments (segs) and the main
// article's profile. It returns head for tail, by text-line index.
func (p *page) findJoins(segs []segment, main profile, inMain []bool) map[int]int {
	var joins map[int]int
	used := map[int]bool{}
	segOf := segmentIndex(segs, len(p.feat))
	// Only a page that prints several articles interleaves them: elsewhere a cut line
	// goes on in the next line or nowhere, and joining it to a line further down would
	// reorder the text.
	window := 1
	for _, s := range segs[1:] {
		if s.opensArticle() {
			window = joinWindow
			break
		}
	}
	for t, f := range p.feat {
		if f.tail == tailNone {
			continue
		}
		var local *profile // the text before the cut, made when a candidate needs it
		next, far := candidate{head: -1}, candidate{head: -1}
		end := min(len(p.feat), t+1+window)
		for h := t + 1; h < end; h++ {
			hf := p.feat[h]
			if used[h] || hf.kind != kindBody {
				continue
			}
			adjacent := h == t+1
			if !adjacent && !p.orphan(h) {
				continue
			}
			// A heading-like line may just be a heading: it takes only a continuation that
			// cannot be anything else, a fragment standing after a complete sentence.
			if f.tail == tailWeak && !(hf.frag && p.endsSentence(h-1)) {
				continue
			}
			plausible := p.plausibleCut(p.text(t), p.text(h))
			if !plausible && (!adjacent || f.tail == tailWeak) {
				continue
			}
			to := segs[segOf[h]].to
			if local == nil {
				lp := p.localProfile(p.contextStart(t), t+1)
				local = &lp
			}
			sim := p.containment(h, to, *local)
			switch {
			case adjacent:
				next = candidate{head: h, sim: sim}
			case sim >= minJoinSimilarity && (far.head < 0 || sim > far.sim) && p.hanIn(segment{from: h, to: to}) >= minContinuation:
				far = candidate{head: h, sim: sim}
			}
		}
		// The next line continues a cut unless a line further down is much closer in
		// topic to the text before the cut.
		best := next
		if far.head >= 0 && (next.head < 0 || far.sim >= next.sim+distantMargin && far.sim >= 2*next.sim) {
			best = far
		}
		if local != nil {
			p.local.reset()
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
func (p *page) plausibleCut(tailText, headText string) bool {
	a, an := utf8.DecodeLastRuneInString(tailText)
	b, bn := utf8.DecodeRuneInString(headText)
	a, b = hanzi.FoldRune(a), hanzi.FoldRune(b)
	if !unicode.Is(unicode.Han, a) {
		return false
	}
	if !unicode.Is(unicode.Han, b) {
		return strings.ContainsRune("，,、。；;：:！？!?）)”’》」』", b)
	}
	if p.occurs(a, b) {
		return true
	}
	if a != b {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(tailText[:len(tailText)-an])
	after, _ := utf8.DecodeRuneInString(headText[bn:])
	return p.occurs(hanzi.FoldRune(before), a) && p.occurs(b, hanzi.FoldRune(after))
}

// contextHan is how much text before a cut, in Han characters, a continuation is
// compared with.
const contextHan = 1000

// contextStart is the first text line of the context of a cut at line t.
func (p *page) contextStart(t int) int {
	han := 0
	for i := t; i >= 0; i-- {
		if han += p.topic[i].han; han >= contextHan {
			return i
		}
	}
	return 0
}

// containment is the share of the distinct bigrams of text lines [from, to) that occur in
// the profile. Unlike the cosine it does not fall as the lines get fewer, so a one-line
// continuation and a long one compare fairly.
func (p *page) containment(from, to int, pr profile) float64 {
	if p.count == nil {
		p.count = newCounter(len(p.dict))
	}
	for i := from; i < to; i++ {
		p.count.add(p.topic[i].ids, false)
	}
	hits := 0
	for _, id := range p.count.touched {
		if pr.counts[id] > 0 {
			hits++
		}
	}
	n := len(p.count.touched)
	p.count.reset()
	return share(hits, n)
}

// orphan reports a text line that begins mid-sentence where nothing before it ends
// mid-sentence in a way it continues: a fragment after a complete sentence, or a line
// after a cut that it does not read on from (示范|决改革…). Only such a line can be the
// continuation of a cut further up the page.
func (p *page) orphan(h int) bool {
	prev := p.feat[h-1]
	if p.feat[h].frag && p.endsSentence(h-1) && !opensWithCloser(p.text(h)) {
		return true
	}
	return prev.tail != tailNone && prev.kind != kindHeading && !p.plausibleCut(p.text(h-1), p.text(h))
}

// localProfile is the profile of text lines [from, to), counted in the page's second
// counter so that it costs what the lines cost; reset p.local when done with it.
func (p *page) localProfile(from, to int) profile {
	if p.local == nil {
		p.local = newCounter(len(p.dict))
	}
	han, dom := 0, 0
	for i := from; i < to; i++ {
		han += p.topic[i].han
		dom += p.topic[i].domain
		p.local.add(p.topic[i].ids, false)
	}
	pr := profile{counts: p.local.all, domain: share(dom, han)}
	for _, id := range p.local.touched {
		w := weight(p.local.all[id])
		pr.norm2 += w * w
	}
	return pr
}

// occurs reports whether the Han pair ab stands anywhere within a line of the page. Pairs
// without very common characters are in the page's bigram dictionary already; the others
// are looked for in the text.
func (p *page) occurs(a, b rune) bool {
	if !unicode.Is(unicode.Han, a) || !unicode.Is(unicode.Han, b) {
		return false
	}
	if !tables.stop.has(a) && !tables.stop.has(b) {
		_, ok := p.dict[pairKey(a, b)]
		return ok
	}
	if p.stopPairs == nil {
		p.stopPairs = map[uint64]bool{}
		for i := range p.body {
			var prev rune
			for _, r := range p.text(i) {
				r = hanzi.FoldRune(r)
				if !unicode.Is(unicode.Han, r) {
					prev = 0
					continue
				}
				if prev != 0 && (tables.stop.has(prev) || tables.stop.has(r)) {
					p.stopPairs[pairKey(prev, r)] = true
				}
				prev = r
			}
		}
	}
	return p.stopPairs[pairKey(a, b)]
}
