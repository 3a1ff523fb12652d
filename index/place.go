package index

import (
	"math"
	"slices"
)

// occ is an occurrence of a term: where it starts in folded.txt and its length in bytes.
type occ struct{ pos, n uint32 }

// unitTF is how often a group of terms stands in one article or passage (numbered in
// text order), weighted: a whole word counts double, and so does a title.
type unitTF struct {
	unit uint32
	tf   float64
}

// units are the articles or the passages of the index: their byte ranges in folded.txt,
// in text order, held as plain arrays because occurrences are placed in them.
type units struct {
	// spans hold each unit's start and end side by side: placing an occurrence reads both,
	// and a large collection's units lie beyond the processor's caches.
	spans []span
	// blocks[k] is the first unit that ends after byte k<<blockShift: it takes an
	// occurrence to its unit in a step or two, where a search of ends would touch
	// memory all over a large collection's arrays.
	blocks []uint32
}

const blockShift = 10

// span is a unit's byte range in folded.txt.
type span struct{ start, end uint32 }

// index makes the blocks, once the spans are complete.
func (us *units) index() {
	if len(us.spans) == 0 {
		return
	}
	n := int(us.spans[len(us.spans)-1].end>>blockShift) + 1
	us.blocks = make([]uint32, n)
	u := 0
	for k := range us.blocks {
		for u < len(us.spans) && us.spans[u].end <= uint32(k)<<blockShift {
			u++
		}
		us.blocks[k] = uint32(u)
	}
}

func (us *units) len() int { return len(us.spans) }

// wordBits has a bit per byte of folded.txt: a word of the segmenter starts or ends there.
type wordBits []byte

func (w wordBits) boundary(pos uint32) bool { return w[pos/8]&(1<<(pos%8)) != 0 }

// Edges of an occurrence: a word boundary lies where it starts, where it ends.
const (
	startsWord uint8 = 1 << iota
	endsWord
)

// edge tells whether word boundaries lie at the start and the end of an occurrence.
func (w wordBits) edge(o occ) uint8 {
	return b2u(w.boundary(o.pos)) | b2u(w.boundary(o.pos+o.n))<<1
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// wholeWord: the occurrence ending at e begins at a word boundary and ends at one or
// where its text ends (at end).
func wholeWord(edge uint8, e, end uint32) bool {
	return edge&startsWord != 0 && (e >= end || edge&endsWord != 0)
}

// layout is what placing occurrences needs, at search time and when a rebuild lists the
// frequent strings: the articles and passages and the word boundaries.
type layout struct {
	docs               []docRecord
	words              wordBits
	docUnits, psgUnits units
	psgs               []passageInfo
	provs              []uint16 // string ids
	nameCount          int      // string ids in use

	// Made by numberGroups from the above.
	avgDocLen    float64
	groupNum     []int32 // article → its near-duplicate group numbered from 0, or -1
	groups       int
	groupStart   []int32  // group → where its articles start in groupMembers
	groupMembers []uint32 // the articles of each group in turn, in order
	groupCanon   []int32  // group → its canonical article, or -1 when it is not indexed
	maxYear      int
}

// passageInfo is what counting a passage reads, in one record: a search counts passages
// all over a large collection, where each array read apart costs a cache miss.
type passageInfo struct {
	doc   uint32 // its article
	first uint32 // the first passage of its article's group with the same text
	provs uint32 // its provinces are provs[provs:provs+nprov]
	nprov uint16
	alone bool // it is its own first and its article has no copies: it repeats nothing
}

// grow makes room for the articles and passages to be added.
func (l *layout) grow(docs, passages int) {
	l.docs = slices.Grow(l.docs, docs)
	l.docUnits.spans = slices.Grow(l.docUnits.spans, docs)
	l.psgUnits.spans = slices.Grow(l.psgUnits.spans, passages)
	l.psgs = slices.Grow(l.psgs, passages)
}

// addDoc appends an article, in text order.
func (l *layout) addDoc(d docRecord) {
	l.docs = append(l.docs, d)
	l.docUnits.spans = append(l.docUnits.spans, span{d.start, d.end})
}

// addPassage appends a passage, in text order; its provinces end where the next one's
// start, so the last is closed by finish.
func (l *layout) addPassage(p passageRecord) {
	l.psgUnits.spans = append(l.psgUnits.spans, span{p.start, p.end})
	l.psgs = append(l.psgs, passageInfo{doc: p.doc, first: p.first, provs: p.provinces})
}

// finish completes the layout once every article and passage is added: provs are the
// provinces of the passages in turn, names the number of string ids.
func (l *layout) finish(provs []uint16, names int) {
	for i := range l.psgs {
		next := uint32(len(provs))
		if i+1 < len(l.psgs) {
			next = l.psgs[i+1].provs
		}
		p := &l.psgs[i]
		p.nprov = uint16(min(next-p.provs, math.MaxUint16))
		p.alone = p.first == uint32(i) && l.docs[p.doc].group == 0
	}
	l.provs, l.nameCount = provs, names
	l.docUnits.index()
	l.psgUnits.index()
	l.numberGroups()
}

// passageProvinces are the string ids of the provinces passage p is attributed to.
func (l *layout) passageProvinces(p uint32) []uint16 {
	i := &l.psgs[p]
	return l.provs[i.provs : i.provs+uint32(i.nprov)]
}

// numberGroups numbers the near-duplicate groups and lists their articles, and measures
// the articles for ranking.
func (l *layout) numberGroups() {
	total := 0.0
	nums := map[int64]int32{}
	l.groupNum = make([]int32, len(l.docs))
	for i, d := range l.docs {
		total += float64(d.end - d.start)
		l.maxYear = max(l.maxYear, int(d.year))
		l.groupNum[i] = -1
		if d.group == 0 {
			continue
		}
		n, ok := nums[d.group]
		if !ok {
			n = int32(len(nums))
			nums[d.group] = n
		}
		l.groupNum[i] = n
	}
	l.avgDocLen = total / float64(max(len(l.docs), 1))
	l.groups = len(nums)
	l.groupStart = make([]int32, l.groups+1)
	l.groupCanon = make([]int32, l.groups)
	for g := range l.groupCanon {
		l.groupCanon[g] = -1
	}
	for i, g := range l.groupNum {
		if g >= 0 {
			l.groupStart[g+1]++
			if l.docs[i].id == l.docs[i].group {
				l.groupCanon[g] = int32(i)
			}
		}
	}
	for g := range l.groups {
		l.groupStart[g+1] += l.groupStart[g]
	}
	l.groupMembers = make([]uint32, l.groupStart[l.groups])
	next := slices.Clone(l.groupStart)
	for i, g := range l.groupNum {
		if g >= 0 {
			l.groupMembers[next[g]] = uint32(i)
			next[g]++
		}
	}
}

// docWeight is what an occurrence with the given edges counts in article u.
func (l *layout) docWeight(u int, o occ, edge uint8) float64 {
	d := &l.docs[u]
	w := 1.0
	if wholeWord(edge, o.pos+o.n, d.end) {
		w++
	}
	if o.pos < d.text {
		w++ // in the title
	}
	return w
}

// passageWeight is what an occurrence with the given edges counts in passage u.
func (l *layout) passageWeight(u int, o occ, edge uint8) float64 {
	if wholeWord(edge, o.pos+o.n, l.psgUnits.spans[u].end) {
		return 2
	}
	return 1
}

// inUnits maps occurrences (in text order) to the units that contain them whole.
func inUnits(occs []occ, us *units, weight func(unit int, o occ) float64) []unitTF {
	var out []unitTF
	n := us.len()
	u := 0
	for _, o := range occs {
		var holds bool
		if u, holds = us.find(u, o); u >= n {
			break
		}
		if holds {
			out = addUnit(out, u, weight(u, o))
		}
	}
	return out
}

// addUnit adds an occurrence of weight w in unit u, the last of list or after it.
func addUnit(list []unitTF, u int, w float64) []unitTF {
	if k := len(list); k > 0 && list[k-1].unit == uint32(u) {
		list[k-1].tf += w
		return list
	}
	return append(list, unitTF{uint32(u), w})
}

// find seeks, from unit u on, the unit an occurrence falls in, and tells whether that
// unit holds it whole.
func (us *units) find(u int, o occ) (int, bool) {
	u = us.seek(u, o.pos)
	return u, u < len(us.spans) && o.pos >= us.spans[u].start && o.pos+o.n <= us.spans[u].end
}

// seek is the first unit from u on that ends after pos. Occurrences are placed in order,
// so the unit only moves forward: from pos's block, or by galloping past the last.
func (us *units) seek(u int, pos uint32) int {
	spans := us.spans
	if u >= len(spans) || spans[u].end > pos {
		return u
	}
	if k := int(pos >> blockShift); k < len(us.blocks) {
		u = max(u, int(us.blocks[k]))
		for u < len(spans) && spans[u].end <= pos {
			u++
		}
		return u
	}
	return gallop(spans, u, pos)
}

// placeString places the occurrences of one string of n bytes (at pos, in order; a word
// starts at pos[i] where start[i]) in articles and in passages at once, weighted as
// docWeight and passageWeight weigh them. It is inUnits for both sides of a string the
// rebuild lists, which places a hundred million occurrences at 200 MB: the word boundary
// where an occurrence ends is read once, and where it starts not at all, since the
// longer strings that extend a listed one inherit it.
func (l *layout) placeString(pos []uint32, start []bool, n uint32) (docs, psgs []unitTF) {
	// The boundaries at the ends are read by a loop of their own, which the processor runs
	// ahead in with many cache misses under way at once.
	edges := make([]uint8, len(pos))
	for i, p := range pos {
		edges[i] = b2u(start[i]) | b2u(l.words.boundary(p+n))<<1
	}
	du, pu := 0, 0
	for i, p := range pos {
		o := occ{p, n}
		var holds bool
		if du, holds = l.docUnits.find(du, o); holds {
			docs = addUnit(docs, du, l.docWeight(du, o, edges[i]))
		}
		if pu, holds = l.psgUnits.find(pu, o); holds {
			psgs = addUnit(psgs, pu, l.passageWeight(pu, o, edges[i]))
		}
	}
	return docs, psgs
}

// gallop is the first unit from u on that ends after pos.
func gallop(spans []span, u int, pos uint32) int {
	n := len(spans)
	step := 1
	for u+step < n && spans[u+step].end <= pos {
		step *= 2
	}
	lo, hi := u+step/2+1, min(u+step, n)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if spans[m].end <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// sumUnits is the union of lists in unit order, adding the counts of a unit in several.
func sumUnits(a, b []unitTF) []unitTF {
	out := make([]unitTF, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].unit < b[j].unit:
			out = append(out, a[i])
			i++
		case a[i].unit > b[j].unit:
			out = append(out, b[j])
			j++
		default:
			out = append(out, unitTF{a[i].unit, a[i].tf + b[j].tf})
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// distinctPassages calls fn for each of n passages (unit(i) is the i-th, in order) that
// does not repeat, within a near-duplicate group, a passage already seen. Passages are
// compared on their normalised text, so a reprint that writes 第十年 as 第10年 repeats
// too; the rebuild noted the first of each.
func (l *layout) distinctPassages(n int, unit func(i int) uint32, fn func(p uint32)) {
	var seen []uint64 // a bit per passage: its text has been counted
	for i := range n {
		p := unit(i)
		if l.psgs[p].alone {
			fn(p)
			continue
		}
		first := l.psgs[p].first
		if seen == nil {
			seen = make([]uint64, (len(l.psgs)+63)/64)
		}
		if seen[first/64]&(1<<(first%64)) != 0 {
			continue
		}
		seen[first/64] |= 1 << (first % 64)
		fn(p)
	}
}

// countProvinces adds to byID (indexed by string id) the distinct passages among n of
// each province, leaving out those of articles that keep refuses (nil: none).
func (l *layout) countProvinces(n int, unit func(i int) uint32, keep func(doc uint32) bool, byID []int) {
	l.distinctPassages(n, unit, func(p uint32) {
		if keep != nil && !keep(l.psgs[p].doc) {
			return
		}
		for _, id := range l.passageProvinces(p) {
			byID[id]++
		}
	})
}
