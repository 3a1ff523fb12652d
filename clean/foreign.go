package clean

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dangjian/dangjian/corpus"
)

// Result is the outcome of cleaning one document.
type Result struct {
	Kept    string           // the main article's lines in page order, cut sentences rejoined
	Removed []corpus.Removed // what was cut, in page order: noise lines and foreign segments, verbatim
	Joins   []Join           // the paragraph repairs made in Kept
	// Wrap is the width, in columns, at which the page was hard-wrapped, 0 if it was not.
	// On a hard-wrapped page Kept has the lines of each paragraph joined into one.
	Wrap int
}

// Article cleans one document: line cleaning (Lines), joining the lines of a hard-wrapped
// page into paragraphs, then paragraph repair, then segmentation of the page into articles
// and removal of everything that is not the main article. See Analyze for the paragraph
// repairs made.
func Article(text string) (kept string, removed []corpus.Removed) {
	r := Analyze(text)
	return r.Kept, r.Removed
}

// Similarity thresholds against the main article's bigram profile. Sections of one review
// score 0.2–0.5 against the rest of it; items on other subjects printed on the same page
// score below 0.1.
const (
	// offTopic: below it a section of the main article is off-topic unless it is about
	// Party building.
	offTopic = 0.06
	// onTopic: above it a section after a foreign item returns to the main article, and an
	// unjoined fragment is still the main article's.
	onTopic = 0.2
	// openingHan is the size, in Han characters, of the least opening the main article's
	// first profile is made from.
	openingHan = 800
	// minJudged is the least size, in Han characters, of a section judged off-topic: the
	// similarity of a few words says nothing.
	minJudged = 50
	// foreignTopic: below it a text is on another subject than the main article; text
	// ahead of the main article's opening is cut only on such evidence.
	foreignTopic = 0.1
	// minParagraph is the least size, in characters, of a line taken for a paragraph of
	// body text: titles, bylines and credit lines at the top of a page are shorter.
	minParagraph = 30
	// When at least minFragments text lines, and more than one in maxFragmentShare,
	// begin mid-sentence, those starts are a trait of the page, not layout cuts.
	minFragments     = 3
	maxFragmentShare = 10
	// domainShare is the share of Party-building bigrams per Han character that marks a text
	// as about Party building (the reviews have 2–5%).
	domainShare = 0.01
)

// start says how a segment begins, which decides what evidence it needs to belong to
// the main article.
type start uint8

const (
	startFirst     start = iota
	startHeading         // a heading: a section of the article before it, or a new item
	startDateline        // a dateline: a new news item
	startContinued       // (上接第一版): an article continued from another page
	startFragment        // a line that begins mid-sentence
	startBroken          // the line after one that a layout break cut mid-sentence
	startJoined          // the continuation of a cut line further up
	startPlain           // ordinary text after a closing line
)

// segment is a run of text lines [from, to) that the page layout holds together.
type segment struct {
	from, to int
	start    start
	label    string // dateline or marker for reasons
	afterEnd string // the closing line of the article before, if one came just before
}

// page is one document being cleaned. Text lines (those line cleaning kept) are
// numbered from 0 in body; the other slices are indexed by that number.
type page struct {
	src       string
	lines     []line // on a hard-wrapped page, a paragraph of joined lines counts as one
	wrap      int    // the width the page was hard-wrapped at, 0 if it was not
	body      []int  // index in lines of each text line
	feat      []feature
	topic     []lineTopic
	dict      map[uint64]int32 // bigram ids
	count     *counter         // made on first use
	local     *counter         // for the profile of a cut line's segment; made on first use
	stopPairs map[uint64]bool  // the Han pairs with a very common character; made on first use
}

func newPage(text string) *page {
	p := &page{src: normalizeBreaks(text), dict: map[uint64]int32{}}
	p.lines, p.wrap = unwrap(scanLines(p.src))
	started, markdown := false, false
	for _, l := range p.lines {
		markdown = markdown || l.noise == "" && markdownPage.MatchString(l.text)
	}
	for i, l := range p.lines {
		if l.text == "" || l.noise != "" {
			continue
		}
		f := lineFeature(l.text, started, !markdown)
		started = started || f.kind == kindBody && f.runes >= minParagraph || f.kind == kindDateline
		p.body = append(p.body, i)
		p.feat = append(p.feat, f)
		p.topic = append(p.topic, topicOf(l.text, p.dict))
	}
	// A bare byline (本报记者 周敏) closes an article only where something else follows
	// it: a headline, a dateline, the end. Followed by body text it opens the report
	// after a lead paragraph.
	for i := 0; i+1 < len(p.feat); i++ {
		if p.feat[i].kind == kindEnd && p.feat[i+1].kind == kindBody && !p.feat[i+1].frag && bareByline.MatchString(p.text(i)) {
			p.feat[i] = lineFeature(p.text(i), false, !markdown)
		}
	}
	// A newspaper layout cuts an article in a few places. Where many lines begin
	// mid-sentence, something else broke them (a converter, a house style of numbering
	// points), and such a start says nothing about where an article begins.
	frags := 0
	for _, f := range p.feat {
		if f.frag {
			frags++
		}
	}
	if frags >= minFragments && frags*maxFragmentShare > len(p.feat) {
		for i := range p.feat {
			p.feat[i].frag = false
		}
	}
	return p
}

func (p *page) text(i int) string { return p.lines[p.body[i]].text }

// profileOf is the profile of the text lines marked in.
func (p *page) profileOf(in []bool) profile {
	return p.profileWhere(0, len(p.feat), in)
}

// profileWhere is the profile of text lines [from, to), only those with in[i] when in is set.
func (p *page) profileWhere(from, to int, in []bool) profile {
	pr := profile{counts: make([]int32, len(p.dict))}
	han, dom := 0, 0
	for i := from; i < to; i++ {
		if in != nil && !in[i] {
			continue
		}
		han += p.topic[i].han
		dom += p.topic[i].domain
		for _, id := range p.topic[i].ids {
			pr.counts[id]++
		}
	}
	for _, c := range pr.counts {
		w := weight(c)
		pr.norm2 += w * w
	}
	pr.domain = share(dom, han)
	return pr
}

func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Analyze cleans one document like Article and also reports the paragraph repairs.
// Joins are listed apart from Removed because nothing of them is removed: both pieces
// are in Kept, one after the other.
func Analyze(text string) Result {
	p := newPage(text)
	if len(p.body) == 0 {
		return p.result(nil, nil)
	}
	segs := p.segment(nil)
	mainSeg := p.mainArticle(segs)
	inMain := p.openingRun(segs, mainSeg)
	prof := p.profileOf(inMain)
	joins := p.findJoins(segs, prof, inMain)
	heads := make(map[int]int, len(joins))
	for t, h := range joins {
		heads[h] = t
	}
	segs = p.segment(heads)
	labels := p.classify(segs, mainSeg, prof, inMain, joins, heads)
	// Second pass: the profile of everything judged main is a better picture of the main
	// article than its opening alone.
	changed := false
	for i, l := range labels {
		changed = changed || inMain[i] != (l == "")
		inMain[i] = l == ""
	}
	if changed {
		prof = p.profileOf(inMain)
		labels = p.classify(segs, mainSeg, prof, inMain, joins, heads)
	}
	return p.result(labels, joins)
}

// segment splits the text lines into layout segments. heads are lines that continue a cut
// line further up; each starts a segment of its own.
func (p *page) segment(heads map[int]int) []segment {
	var segs []segment
	headerOnly := false // the current segment has only headings, datelines and markers so far
	for i, f := range p.feat {
		s := segment{from: i, start: startPlain}
		open := false
		if i == 0 {
			s.start, open = startFirst, true
		} else {
			prev := p.feat[i-1]
			if prev.kind == kindEnd || prev.jumpOut {
				open, s.afterEnd = true, p.text(i-1)
			}
			switch _, joined := heads[i]; {
			case joined:
				s.start, open = startJoined, true
			case f.kind == kindDateline || f.kind == kindContinued:
				st := startDateline
				if f.kind == kindContinued {
					st = startContinued
				}
				if headerOnly && !open {
					last := &segs[len(segs)-1]
					last.start, last.label = st, f.label
				} else {
					s.start, s.label, open = st, f.label, true
				}
			case f.kind == kindHeading:
				if !headerOnly || open {
					s.start, open = startHeading, true
				}
			case f.frag:
				s.start, open = startFragment, true
			case prev.tail == tailStrong:
				s.start, open = startBroken, true
			}
		}
		if open {
			segs = append(segs, s)
			headerOnly = false
		}
		segs[len(segs)-1].to = i + 1
		headerOnly = (open || headerOnly) && f.kind == kindHeading
	}
	return segs
}

// segmentIndex maps each text line to its segment.
func segmentIndex(segs []segment, n int) []int {
	idx := make([]int, n)
	for si, s := range segs {
		for i := s.from; i < s.to; i++ {
			idx[i] = si
		}
	}
	return idx
}

// opensArticle reports a segment that can only begin a new article: after a dateline, a
// jump marker or a closing line.
func (s segment) opensArticle() bool {
	return s.start == startDateline || s.start == startContinued || s.afterEnd != ""
}

// mainArticle picks the segment where the main article starts: the first article on the
// page, unless a later one is more than twice as long and as much about Party building.
func (p *page) mainArticle(segs []segment) int {
	type article struct {
		seg         int
		han, domain int
	}
	var arts []article
	for si, s := range segs {
		if si == 0 || s.opensArticle() {
			arts = append(arts, article{seg: si})
		}
		a := &arts[len(arts)-1]
		for i := s.from; i < s.to; i++ {
			a.han += p.topic[i].han
			a.domain += p.topic[i].domain
		}
	}
	best := arts[0]
	for _, a := range arts[1:] {
		if a.han > 2*best.han && a.domain*best.han >= best.domain*a.han {
			best = a
		}
	}
	return best.seg
}

// openingRun marks the lines of the main article's opening: its first segment and the
// section segments that follow it without any break in the layout.
// A short opening says too little about the topic; it takes in text across
// mid-sentence starts until it has openingHan characters.
func (p *page) openingRun(segs []segment, mainSeg int) []bool {
	in := make([]bool, len(p.feat))
	han := 0
	for si := mainSeg; si < len(segs); si++ {
		s := segs[si]
		if si > mainSeg {
			if s.opensArticle() {
				break
			}
			if (s.start == startFragment || s.start == startBroken) && han >= openingHan {
				break
			}
		}
		for i := s.from; i < s.to; i++ {
			in[i] = true
			han += p.topic[i].han
		}
	}
	return in
}

// preamble returns the first segment of the main article's text: the segments before the
// main article's opening that run into it, on its topic, with no article break between
// (a closing line, a jump line, a dateline of their own). An editor's note or a headline
// block ahead of a report's dateline is part of the report, not another article.
func (p *page) preamble(segs []segment, mainSeg int, prof profile, inMain []bool) int {
	first := mainSeg
	for si := mainSeg - 1; si >= 0; si-- {
		next, s := segs[si+1], segs[si]
		if next.afterEnd != "" || next.start == startContinued || s.start == startDateline {
			break
		}
		if p.hanIn(s) >= minJudged {
			if sim, _ := p.measure(s, prof, inMain); sim < foreignTopic {
				break
			}
		}
		first = si
	}
	return first
}

// classify labels every text line: "" for the main article, else the reason it is cut.
func (p *page) classify(segs []segment, mainSeg int, prof profile, inMain []bool, joins, heads map[int]int) []string {
	labels := make([]string, len(p.feat))
	// On a page where other articles show themselves by datelines, jump lines or bylines,
	// text off the main topic is likely one more of them. On a page without such signs
	// topic alone proves nothing: an essay turns to other matters, and a short section can
	// share no words with the rest, so nothing is cut for its topic. composite: the page
	// shows another article after the main one's start.
	composite := false
	for _, s := range segs[mainSeg+1:] {
		composite = composite || s.opensArticle()
	}
	// article is the reason of the foreign article being read, "" while reading the main
	// one. A fragment that only interrupts the main article leaves it "", so the next
	// section is judged as part of the main article again.
	first := p.preamble(segs, mainSeg, prof, inMain)
	article := ""
	ended := ""     // the main article's closing line, once seen
	jumped := false // the main article jumped to another page: (下转第二版)
	// interrupted: an article break has come since the main article began. Until then
	// the page reads as one text, and a section on another matter is one of its sections.
	interrupted := false
	for si, s := range segs {
		lab := ""
		interrupted = interrupted || si > mainSeg && s.opensArticle()
		sim, domain := p.measure(s, prof, inMain)
		offTopicHere := interrupted && sim < offTopic && domain < domainShare && p.hanIn(s) >= minJudged
		switch {
		case si < first:
			lab = "before the main article"
		case si < mainSeg: // the main article's preamble
		case si == mainSeg:
		case s.start == startJoined:
			lab = labels[heads[s.from]]
			article = lab
		case s.start == startDateline:
			lab = fmt.Sprintf("foreign article (dateline %s)", s.label)
			article = lab
		case s.start == startContinued:
			if jumped && !offTopicHere {
				jumped, ended, article = false, "", ""
				break
			}
			lab = fmt.Sprintf("foreign article continued from another page %s", s.label)
			article = lab
		case ended != "":
			lab = fmt.Sprintf("after the end of the main article (%s)", ended)
			article = lab
		case s.afterEnd != "":
			// a foreign item closed with its byline; what follows may be the main article again
			if article == "" || sim < onTopic {
				lab = fmt.Sprintf("foreign article (follows %s)", s.afterEnd)
			}
			article = lab
		case s.start == startFragment || s.start == startBroken:
			// Text that begins mid-sentence right after a line cut mid-sentence simply
			// continues it, unless the cut line's continuation was found elsewhere. Text
			// that begins mid-sentence after a complete sentence continues something else.
			_, cutJoined := joins[s.from-1]
			interleaved := p.endsSentence(s.from-1) && !opensWithCloser(p.text(s.from)) || cutJoined
			switch {
			case interleaved && composite && sim < onTopic:
				lab = fmt.Sprintf("fragment of another article (similarity %.2f to the main article): %s", sim, fragmentClue(s, p))
				article = lab
			case !interleaved && offTopicHere:
				lab = fmt.Sprintf("off-topic fragment (similarity %.2f to the main article): %s", sim, fragmentClue(s, p))
			default:
				lab = article
			}
		case article == "":
			if offTopicHere {
				lab = fmt.Sprintf("off-topic segment (similarity %.2f to the main article)", sim)
			}
		default:
			if sim < onTopic {
				lab = article
			}
		}
		for i := s.from; i < s.to; i++ {
			labels[i] = lab
		}
		if lab != "" {
			continue
		}
		article = ""
		for i := s.from; i < s.to; i++ {
			if p.feat[i].kind == kindEnd {
				ended = p.text(i)
			}
			if p.feat[i].jumpOut {
				ended, jumped = p.text(i), true
			}
		}
	}
	return labels
}

// endsSentence reports a text line that ends a sentence, closing quotes aside.
func (p *page) endsSentence(i int) bool {
	return endsLikeSentence(trimClosers(p.text(i)))
}

// opensWithCloser reports a line that begins by closing a quotation or bracket: it ends
// what the line before opened, even when that line ended a sentence inside the quotation.
func opensWithCloser(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return strings.ContainsRune("”’」』）)》〉】", r)
}

func (p *page) hanIn(s segment) int {
	n := 0
	for i := s.from; i < s.to; i++ {
		n += p.topic[i].han
	}
	return n
}

// fragmentClue says where a fragment begins, for the reviewer.
func fragmentClue(s segment, p *page) string {
	if s.start == startBroken {
		return "follows a sentence cut at …" + lastRunes(p.text(s.from-1), 6)
	}
	return "starts mid-sentence: " + firstRunes(p.text(s.from), 6) + "…"
}

func lastRunes(s string, n int) string {
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// measure gives a segment's closeness to the main article (compared without its own
// lines) and its share of Party-building bigrams.
func (p *page) measure(s segment, prof profile, inMain []bool) (close, domain float64) {
	return p.closenessOf(s.from, s.to, prof, inMain)
}

func (p *page) closenessOf(from, to int, prof profile, inMain []bool) (close, domain float64) {
	han, dom := 0, 0
	for i := from; i < to; i++ {
		han += p.topic[i].han
		dom += p.topic[i].domain
	}
	domain = share(dom, han)
	if p.count == nil {
		p.count = newCounter(len(p.dict))
	}
	for i := from; i < to; i++ {
		p.count.add(p.topic[i].ids, inMain != nil && inMain[i])
	}
	sim := prof.similarity(p.count)
	p.count.reset()
	return prof.closeness(sim, domain), domain
}

// result assembles kept text, removed parts and joins from the line labels.
func (p *page) result(labels []string, joins map[int]int) Result {
	r := Result{Wrap: p.wrap}
	label := make(map[int]string, len(p.body)) // by index in lines
	bodyOf := make(map[int]int, len(p.body))
	for i, li := range p.body {
		bodyOf[li] = i
		if labels != nil {
			label[li] = labels[i]
		}
	}
	headOf := map[int]bool{}
	for t, h := range joins {
		if labels[t] == "" {
			headOf[h] = true
		}
	}
	out := make([]string, 0, len(p.lines))
	var group *corpus.Removed
	groupStart := 0
	flush := func() {
		if group != nil {
			r.Removed = append(r.Removed, *group)
			group = nil
		}
	}
	for li, l := range p.lines {
		switch {
		case l.noise != "":
			flush()
			r.Removed = append(r.Removed, corpus.Removed{Text: l.text, Reason: l.noise})
		case l.text == "":
			out = append(out, "")
		case label[li] != "":
			if group != nil && group.Reason == label[li] {
				group.Text = p.src[groupStart:l.end]
				continue
			}
			flush()
			group, groupStart = &corpus.Removed{Text: l.text, Reason: label[li]}, l.start
		default:
			flush()
			b := bodyOf[li]
			if headOf[b] {
				continue
			}
			joined := strings.TrimRightFunc(l.raw, unicode.IsSpace)
			for t, h, ok := b, joins[b], true; ok; t, h = h, joins[h] {
				if _, ok = joins[t]; !ok {
					break
				}
				joined += p.text(h)
				r.Joins = append(r.Joins, Join{Tail: p.text(t), Head: p.text(h)})
			}
			out = append(out, joined)
		}
	}
	flush()
	r.Kept = joinCollapsed(out)
	return r
}
