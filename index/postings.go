package index

import (
	"cmp"
	"encoding/binary"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"unicode/utf8"
)

// The text index files every byte position where a character starts under the pair of
// that character and the next one (0 after the last of an article). A string of two or
// more characters is then found by reading the positions of its rarest pair and comparing
// the folded text there; a single character by reading every pair it begins. Unlike a
// word index this finds a string wherever it stands, independent of segmentation, and
// unlike a positionless n-gram index it needs no second pass over the candidates' text.

// pairKey is the index term of a character and the one after it.
func pairKey(r, next rune) uint64 { return uint64(uint32(r))<<32 | uint64(uint32(next)) }

// gramTable collects the posting lists in memory while articles are added.
type gramTable struct {
	ids   map[uint64]int32
	keys  []uint64
	lists [][]uint32
}

func newGramTable() gramTable { return gramTable{ids: map[uint64]int32{}} }

// addText files every character of an article's folded text, which starts at byte base
// of folded.txt. Articles are added in order, so every list stays sorted.
func (g *gramTable) addText(text string, base uint32) {
	prev, prevAt := rune(-1), 0
	for i, r := range text {
		if prev >= 0 {
			g.add(pairKey(prev, r), base+uint32(prevAt))
		}
		prev, prevAt = r, i
	}
	if prev >= 0 {
		g.add(pairKey(prev, 0), base+uint32(prevAt))
	}
}

func (g *gramTable) add(key uint64, pos uint32) {
	id, ok := g.ids[key]
	if !ok {
		id = int32(len(g.lists))
		g.ids[key] = id
		g.keys = append(g.keys, key)
		g.lists = append(g.lists, nil)
	}
	g.lists[id] = append(g.lists[id], pos)
}

const keyEntrySize = 16

// write writes keys.bin (sorted keys with the offsets of their lists, then a sentinel
// with the postings' length) and postings.bin, freeing each list once written.
func (g *gramTable) write(dir string) (keys, postings fileInfo, err error) {
	order := make([]int32, len(g.keys))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(i, j int) bool { return g.keys[order[i]] < g.keys[order[j]] })
	pw, err := newFileWriter(filepath.Join(dir, postingsFile))
	if err != nil {
		return keys, postings, err
	}
	keys, err = writeFile(filepath.Join(dir, keysFile), func(kw *fileWriter) error {
		for _, id := range order {
			if err := kw.uint64(g.keys[id]); err != nil {
				return err
			}
			if err := kw.uint64(uint64(pw.n)); err != nil {
				return err
			}
			last := uint32(0)
			for _, pos := range g.lists[id] {
				if err := pw.uvarint(uint64(pos - last)); err != nil {
					return err
				}
				last = pos
			}
			g.lists[id] = nil
		}
		if err := kw.uint64(math.MaxUint64); err != nil {
			return err
		}
		return kw.uint64(uint64(pw.n))
	})
	if cerr := pw.close(); err == nil {
		err = cerr
	}
	return keys, pw.info(), err
}

// errDamaged is returned when a posting list does not decode: the files were changed
// after the rebuild that wrote them.
var errDamaged = errors.New("the index files are damaged")

// keyTable reads keys.bin in place.
type keyTable []byte

func (t keyTable) len() int { return len(t)/keyEntrySize - 1 } // without the sentinel

func (t keyTable) key(i int) uint64 { return binary.LittleEndian.Uint64(t[i*keyEntrySize:]) }

func (t keyTable) off(i int) uint64 { return binary.LittleEndian.Uint64(t[i*keyEntrySize+8:]) }

// search is the first entry whose key is ≥ key.
func (t keyTable) search(key uint64) int {
	return sort.Search(t.len(), func(i int) bool { return t.key(i) >= key })
}

// span is the bytes of postings.bin that hold entries lo..hi-1.
func (t keyTable) span(lo, hi int) (uint64, uint64) { return t.off(lo), t.off(hi) }

// pairSpan is the postings of one pair, empty when the pair never occurs.
func (t keyTable) pairSpan(key uint64) (uint64, uint64) {
	i := t.search(key)
	if i >= t.len() || t.key(i) != key {
		return 0, 0
	}
	return t.span(i, i+1)
}

// decode appends the positions of the lists in postings[from:to] to out. Each list is
// sorted; a span of several lists is not.
func decode(postings []byte, lists keyTable, lo, hi int, out []uint32) ([]uint32, error) {
	for i := lo; i < hi; i++ {
		from, to := lists.span(i, i+1)
		var err error
		if out, err = decodeList(postings, from, to, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

func decodeList(postings []byte, from, to uint64, out []uint32) ([]uint32, error) {
	if from > to || to > uint64(len(postings)) {
		return out, errDamaged
	}
	data := postings[from:to]
	pos := uint64(0)
	for len(data) > 0 {
		var delta uint64
		// Most deltas fit in one or two bytes: decode those without the general loop.
		if b := data[0]; b < 0x80 {
			delta, data = uint64(b), data[1:]
		} else if len(data) > 1 && data[1] < 0x80 {
			delta, data = uint64(b&0x7f)|uint64(data[1])<<7, data[2:]
		} else {
			v, n := binary.Uvarint(data)
			if n <= 0 {
				return out, errDamaged
			}
			delta, data = v, data[n:]
		}
		pos += delta
		if pos > math.MaxUint32 {
			return out, errDamaged
		}
		out = append(out, uint32(pos))
	}
	return out, nil
}

// occurrences finds where the folded term starts in folded.txt, in increasing order.
func (ix *Index) occurrences(term string) ([]uint32, error) {
	if !utf8.ValidString(term) {
		return nil, nil // the texts are valid UTF-8: bytes that are not cannot occur
	}
	var runes []rune
	var offs []int // byte offset of each rune in term
	for i, r := range term {
		runes, offs = append(runes, r), append(offs, i)
	}
	switch len(runes) {
	case 0:
		return nil, nil
	case 1:
		// Every occurrence of the character begins one pair: read all pairs it begins.
		lo := ix.keys.search(pairKey(runes[0], 0))
		hi := ix.keys.search(pairKey(runes[0]+1, 0))
		from, to := ix.keys.span(lo, hi)
		out, err := decode(ix.postings, ix.keys, lo, hi, make([]uint32, 0, to-from))
		if hi-lo > 1 {
			sortPositions(out)
		}
		return out, err
	}
	// The rarest pair of the term bounds the work: its positions are the candidates. The
	// other pairs can thin them out by merging their lists, which reads memory in order,
	// where comparing the text at a candidate costs a cache miss, about as much as merging
	// eight bytes of list. Where every other list together costs less than comparing, they
	// are all merged and the candidates are the occurrences; otherwise a list is merged
	// only while it is cheap enough to pay for itself by thinning the candidates, and the
	// text is compared at those left (merging a pair the candidates nearly always have,
	// 世界 for the candidates of 界经, would be work for nothing).
	type pair struct {
		at       int // byte offset in the term
		from, to uint64
	}
	pairs := make([]pair, 0, len(runes)-1)
	for i := 0; i+1 < len(runes); i++ {
		from, to := ix.keys.pairSpan(pairKey(runes[i], runes[i+1]))
		if to == from {
			return nil, nil // a pair that never occurs: neither does the term
		}
		pairs = append(pairs, pair{offs[i], from, to})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(a.to-a.from, b.to-b.from) })
	best := pairs[0]
	// A position takes at least a byte: the list's length bounds its count.
	cands, err := decodeList(ix.postings, best.from, best.to, make([]uint32, 0, best.to-best.from))
	if err != nil {
		return nil, err
	}
	rest := uint64(0) // bytes of the lists not merged
	for _, p := range pairs[1:] {
		rest += p.to - p.from
	}
	merged := 1
	var others []uint32
	for _, p := range pairs[1:] {
		c := uint64(len(cands))
		if size := p.to - p.from; c == 0 || rest > mergeAllBytes*c && size > mergeOneBytes*c {
			break
		}
		if others, err = decodeList(ix.postings, p.from, p.to, others[:0]); err != nil {
			return nil, err
		}
		cands = alignedWith(cands, others, p.at-best.at)
		rest -= p.to - p.from
		merged++
	}
	if merged == len(pairs) {
		for i := range cands {
			cands[i] -= uint32(best.at)
		}
		return cands, nil
	}
	// Each comparison waits for memory: two cores wait for two at a time.
	half := len(cands) / 2
	if half < 1024 {
		half = len(cands)
	}
	var second []uint32
	done := make(chan struct{})
	go func() {
		defer close(done)
		second = ix.compare(cands[half:], term, best.at)
	}()
	out := ix.compare(cands[:half], term, best.at)
	<-done
	return append(out, second...), nil
}

// Merging lists against comparing text (see occurrences): all the other lists are merged
// when they hold at most mergeAllBytes bytes per candidate, one list while it holds at
// most mergeOneBytes. Measured at 200 MB, a list byte costs about 4 ns to merge, a
// comparison about 60 ns.
const (
	mergeAllBytes = 16
	mergeOneBytes = 8
)

// compare keeps the candidates (positions of the pair at byte skip of term) where the
// folded text holds term, as the positions where term starts; in place. The first eight
// bytes at every candidate are gathered first, by a loop the processor runs ahead in with
// many cache misses under way at once; the rest of the term is compared where they match,
// in memory that is then at hand.
func (ix *Index) compare(cands []uint32, term string, skip int) []uint32 {
	n := len(term)
	var head [8]byte
	k := copy(head[:], term)
	mask := ^uint64(0) >> (64 - 8*k)
	want := binary.LittleEndian.Uint64(head[:]) & mask
	heads := make([]uint64, len(cands))
	for i, p := range cands {
		if s := int(p) - skip; s >= 0 && s+8 <= len(ix.folded) {
			heads[i] = binary.LittleEndian.Uint64(ix.folded[s:])
		} else if s >= 0 && s+n <= len(ix.folded) {
			heads[i] = want // near the end of the text: compared whole below
		}
	}
	out := cands[:0]
	for i, p := range cands {
		s := int(p) - skip
		if heads[i]&mask == want && s >= 0 && s+n <= len(ix.folded) && string(ix.folded[s:s+n]) == term {
			out = append(out, uint32(s))
		}
	}
	return out
}

// alignedWith keeps the positions p of a (sorted) for which p+shift is in b (sorted).
func alignedWith(a, b []uint32, shift int) []uint32 {
	out := a[:0]
	j := 0
	for _, p := range a {
		want := int64(p) + int64(shift)
		for j < len(b) && int64(b[j]) < want {
			j++
		}
		if j == len(b) {
			break
		}
		if int64(b[j]) == want {
			out = append(out, p)
		}
	}
	return out
}

// sortPositions sorts positions in two passes of a radix sort: a common character's
// positions run into millions, where a comparison sort takes ten times longer.
func sortPositions(pos []uint32) {
	if len(pos) < 1<<12 {
		slices.Sort(pos)
		return
	}
	buf := make([]uint32, len(pos))
	src, dst := pos, buf
	for shift := 0; shift < 32; shift += 16 {
		var count [1<<16 + 1]int
		for _, p := range src {
			count[(p>>shift)&0xFFFF+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, p := range src {
			k := (p >> shift) & 0xFFFF
			dst[count[k]] = p
			count[k]++
		}
		src, dst = dst, src
	}
	// After an even number of passes the sorted positions are back in pos.
}
