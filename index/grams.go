package index

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"
)

// A common string occurs so often that placing each occurrence in its article and passage
// would make a search cost grow with the collection: 人民 stands 240 000 times in 200 MB.
// So a rebuild lists, for every string of up to gramMaxRunes letters that occurs at least
// gramMinCount times, the articles and the province-attributed passages it stands in with
// its weighted count in each, and what a search for the string alone shows: its total,
// facets and first hits, ranked as a search ranks them. A search for the string alone reads
// that; one that combines it with other terms or filters reads the lists, whose length is
// the number of articles and passages rather than of occurrences. Any other string has
// fewer than gramMinCount occurrences to place. The strings are found level by level, as
// frequent itemsets are: only a frequent string can extend to a frequent longer one.

const (
	// gramMinCount bounds the occurrences a search places for a string that has no lists.
	gramMinCount = 4096
	// gramMaxRunes is the longest string listed; longer ones are rarer than their parts.
	gramMaxRunes = 8
	gramKeySize  = 32 // bytes of a string in gramkeys.bin, zero-padded: 8 runes of 4 bytes
	gramEntry    = gramKeySize + 8
)

// listedGram is one frequent string with its encoded parts (see encode).
type listedGram struct {
	key  string
	data []byte
}

// gramLister finds the frequent strings of a finished text.
type gramLister struct {
	folded []byte
	place  *layout
	min    int
}

// list lists the frequent strings that begin with the character r, whose pairs are given:
// the keys and positions of every pair r begins, in key order. The result is in byte order
// of the strings, which is their order in gramkeys.bin.
func (l *gramLister) list(r rune, pairs []uint64, positions [][]uint32) []listedGram {
	total := 0
	for _, p := range positions {
		total += len(p)
	}
	if total < l.min || !listable(r) {
		return nil
	}
	all := make([]uint32, 0, total)
	for _, p := range positions {
		all = append(all, p...)
	}
	sortPositions(all)
	key := string(r)
	out := []listedGram{{key, l.encode(all, l.wordStarts(all), uint32(len(key)), false)}}
	for i, k := range pairs {
		next := rune(uint32(k))
		if len(positions[i]) >= l.min && listable(next) {
			out = l.extend(key+string(next), positions[i], l.wordStarts(positions[i]), out)
		}
	}
	return out
}

// wordStarts tells for each position whether a word starts there.
func (l *gramLister) wordStarts(pos []uint32) []bool {
	start := make([]bool, len(pos))
	for i, p := range pos {
		start[i] = l.place.words.boundary(p)
	}
	return start
}

// fourBytes are the bytes of the text from at on, little-endian, zero past its end: a
// character there decodes whole, and past the end is NUL, which is never listed.
func (l *gramLister) fourBytes(at uint32) uint32 {
	if int(at)+4 <= len(l.folded) {
		return binary.LittleEndian.Uint32(l.folded[at:])
	}
	var b [4]byte
	if int(at) < len(l.folded) {
		copy(b[:], l.folded[at:])
	}
	return binary.LittleEndian.Uint32(b[:])
}

// listable: strings of letters and digits are listed; punctuation and spaces are not
// worth the room.
func listable(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// extend lists key, which occurs at pos (where start tells whether a word starts), and
// its frequent extensions by one character.
func (l *gramLister) extend(key string, pos []uint32, start []bool, out []listedGram) []listedGram {
	n := uint32(len(key))
	out = append(out, listedGram{key, l.encode(pos, start, n, true)})
	if utf8.RuneCountInString(key) >= gramMaxRunes {
		return out
	}
	// The character after each occurrence, read once: the text is read at random places,
	// so its bytes are gathered first by a loop the processor can run ahead in, with many
	// cache misses under way at once, and decoded after.
	nexts := make([]rune, len(pos))
	for i, p := range pos {
		nexts[i] = rune(l.fourBytes(p + n))
	}
	counts := map[rune]int{}
	for i, v := range nexts {
		b := [4]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)}
		nexts[i], _ = utf8.DecodeRune(b[:])
		counts[nexts[i]]++
	}
	var frequent []rune
	for r, c := range counts {
		if c >= l.min && r != utf8.RuneError && listable(r) {
			frequent = append(frequent, r)
		}
	}
	slices.Sort(frequent)
	for _, r := range frequent {
		sub := make([]uint32, 0, counts[r])
		subStart := make([]bool, 0, counts[r])
		for i, p := range pos {
			if nexts[i] == r {
				sub = append(sub, p)
				subStart = append(subStart, start[i])
			}
		}
		out = l.extend(key+string(r), sub, subStart, out)
	}
	return out
}

// encode places the occurrences of a string of n bytes (see placeString) in articles and passages and
// writes four parts, each prefixed by its length in bytes so that a search skips what it
// does not need: the articles, the passages, and the province facet and the ranking of a
// search for the string alone. A list is a count, then each unit as a delta from the last and its weighted
// count; the weights are whole numbers (see layout), so they are stored exactly. Without
// lists, the articles and passages are left empty: a single character's lists would be
// most of the index, and a search combines one with other terms seldom.
func (l *gramLister) encode(pos []uint32, start []bool, n uint32, lists bool) []byte {
	docs, psgs := l.place.placeString(pos, start, n)
	byID := make([]int, l.place.nameCount)
	l.place.countProvinces(len(psgs), func(i int) uint32 { return psgs[i].unit }, nil, byID)
	facet := nonZero(byID)
	var out []byte
	answer := l.answer(docs)
	if !lists {
		docs, psgs = nil, nil
	}
	for _, part := range [][]byte{encodeUnits(nil, docs), encodeUnits(nil, psgs), encodeUnits(nil, facet), answer} {
		out = binary.AppendUvarint(out, uint64(len(part)))
		out = append(out, part...)
	}
	return out
}

func encodeUnits(out []byte, list []unitTF) []byte {
	out = binary.AppendUvarint(out, uint64(len(list)))
	last := uint32(0)
	for _, u := range list {
		out = binary.AppendUvarint(out, uint64(u.unit-last))
		out = binary.AppendUvarint(out, uint64(u.tf))
		last = u.unit
	}
	return out
}

// decodeUnits reads one list written by encodeUnits and returns the rest of data; limit
// is the number of units, which no entry may reach.
func decodeUnits(data []byte, limit int) ([]unitTF, []byte, error) {
	count, k := binary.Uvarint(data)
	if k <= 0 || count > uint64(len(data)) {
		return nil, nil, errDamaged
	}
	data = data[k:]
	out := make([]unitTF, count)
	unit := uint64(0)
	for i := range out {
		delta, k1 := binary.Uvarint(data)
		if k1 <= 0 {
			return nil, nil, errDamaged
		}
		tf, k2 := binary.Uvarint(data[k1:])
		if k2 <= 0 {
			return nil, nil, errDamaged
		}
		data = data[k1+k2:]
		unit += delta
		if unit >= uint64(limit) {
			return nil, nil, errDamaged
		}
		out[i] = unitTF{uint32(unit), float64(tf)}
	}
	return out, data, nil
}

// writeGrams finds the frequent strings of the pair table on every core, one starting
// character at a time, and writes them in byte order as each is ready: gramkeys.bin (each
// string zero-padded, with the offset of its lists, then a sentinel with the lists'
// length) and gramlists.bin.
func writeGrams(g *gramTable, l *gramLister, keys, lists *fileWriter) error {
	order := make([]int32, len(g.keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(g.keys[a], g.keys[b]) })
	// Pairs sorted by key come grouped by their first character.
	type job struct {
		first rune
		keys  []uint64
		lists [][]uint32
		out   []listedGram
		done  chan struct{}
	}
	var jobs []*job
	for _, id := range order {
		first := rune(g.keys[id] >> 32)
		if len(jobs) == 0 || jobs[len(jobs)-1].first != first {
			jobs = append(jobs, &job{first: first, done: make(chan struct{})})
		}
		j := jobs[len(jobs)-1]
		j.keys = append(j.keys, g.keys[id])
		j.lists = append(j.lists, g.lists[id])
	}
	work := make(chan *job)
	go func() {
		// Feeding stays a few jobs ahead of writing, so that the lists waiting to be
		// written stay few.
		for i, j := range jobs {
			if i >= 8 {
				<-jobs[i-8].done
			}
			work <- j
		}
		close(work)
	}()
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for j := range work {
				j.out = l.list(j.first, j.keys, j.lists)
				close(j.done)
			}
		}()
	}
	var rec [gramEntry]byte
	var err error
	for _, j := range jobs {
		<-j.done
		for _, g := range j.out {
			clear(rec[:])
			copy(rec[:gramKeySize], g.key)
			binary.LittleEndian.PutUint64(rec[gramKeySize:], uint64(lists.n))
			if err == nil {
				err = keys.writeBytes(rec[:])
			}
			if err == nil {
				err = lists.writeBytes(g.data)
			}
		}
		j.out = nil
	}
	if err != nil {
		return err
	}
	for i := range gramKeySize {
		rec[i] = 0xFF
	}
	binary.LittleEndian.PutUint64(rec[gramKeySize:], uint64(lists.n))
	return keys.writeBytes(rec[:])
}

// gramKeys reads gramkeys.bin in place.
type gramKeys []byte

func (t gramKeys) len() int { return len(t)/gramEntry - 1 }

func (t gramKeys) key(i int) []byte {
	k := t[i*gramEntry : i*gramEntry+gramKeySize]
	if z := bytes.IndexByte(k, 0); z >= 0 {
		k = k[:z]
	}
	return k
}

func (t gramKeys) off(i int) uint64 { return binary.LittleEndian.Uint64(t[i*gramEntry+gramKeySize:]) }

// find is the entry of a string, or -1 when it is not a frequent one.
func (t gramKeys) find(term string) int {
	if len(term) > gramKeySize || term == "" {
		return -1
	}
	i := sort.Search(t.len(), func(i int) bool { return string(t.key(i)) >= term })
	if i < t.len() && string(t.key(i)) == term {
		return i
	}
	return -1
}

// gram parts, in the order encode writes them.
const (
	gramDocs = iota
	gramPassages
	gramFacet
	gramAnswer
)

// gramBytes is one part of entry i.
func (ix *Index) gramBytes(i, part int) ([]byte, error) {
	from, to := ix.gramKeys.off(i), ix.gramKeys.off(i+1)
	if from > to || to > uint64(len(ix.gramLists)) {
		return nil, errDamaged
	}
	data := ix.gramLists[from:to]
	for k := 0; ; k++ {
		size, n := binary.Uvarint(data)
		if n <= 0 || size > uint64(len(data)-n) {
			return nil, errDamaged
		}
		if k == part {
			return data[n : n+int(size)], nil
		}
		data = data[n+int(size):]
	}
}

// gramPart reads a list part of entry i: its articles or passages, or the province facet
// as (string id, count) pairs.
func (ix *Index) gramPart(i, part int) ([]unitTF, error) {
	data, err := ix.gramBytes(i, part)
	if err != nil {
		return nil, err
	}
	limit := []int{len(ix.docs), ix.psgUnits.len(), len(ix.names)}[part]
	list, _, err := decodeUnits(data, limit)
	return list, err
}

// answerHits is how many hits of a frequent string searched alone are stored in order:
// the first pages.
const answerHits = 20

// answer ranks the articles of a frequent string as a search for it alone does (see
// Index.Search) and writes the ranking: the total, the facets by source and year, and the
// first hits, each with its score's bits and its matched duplicates.
func (l *gramLister) answer(docs []unitTF) []byte {
	score := bm25(&l.place.docUnits, l.place.avgDocLen, len(docs))
	hits := make([]docHit, len(docs))
	for i, d := range docs {
		hits[i] = docHit{doc: d.unit, score: score(d)}
	}
	rk := l.place.rank(hits, l.place.marked(hits), answerHits)
	out := binary.AppendUvarint(nil, uint64(rk.total))
	out = encodeUnits(out, rk.sources)
	out = encodeUnits(out, rk.years)
	out = binary.AppendUvarint(out, uint64(len(rk.top)))
	for i, h := range rk.top {
		out = binary.AppendUvarint(out, uint64(h.doc))
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(h.score))
		out = binary.AppendUvarint(out, uint64(len(rk.dups[i])))
		for _, d := range rk.dups[i] {
			out = binary.AppendUvarint(out, uint64(d))
		}
	}
	return out
}

// answer reads the stored ranking of entry i.
func (ix *Index) answer(i int) (ranking, error) {
	data, err := ix.gramBytes(i, gramAnswer)
	if err != nil {
		return ranking{}, err
	}
	var rk ranking
	n := len(ix.docs)
	uvarint := func(limit uint64) uint64 {
		v, k := binary.Uvarint(data)
		if k <= 0 || v > limit {
			err = errDamaged
			return 0
		}
		data = data[k:]
		return v
	}
	rk.total = int(uvarint(uint64(n)))
	if err != nil {
		return rk, err
	}
	if rk.sources, data, err = decodeUnits(data, len(ix.names)); err != nil {
		return rk, err
	}
	if rk.years, data, err = decodeUnits(data, math.MaxUint16+1); err != nil {
		return rk, err
	}
	hits := uvarint(answerHits)
	for range hits {
		doc := uint32(uvarint(uint64(n - 1)))
		if err != nil || len(data) < 8 {
			return rk, errDamaged
		}
		h := docHit{doc: doc, score: math.Float64frombits(binary.LittleEndian.Uint64(data))}
		data = data[8:]
		dups := make([]uint32, uvarint(uint64(n)))
		for j := range dups {
			dups[j] = uint32(uvarint(uint64(n - 1)))
		}
		if err != nil {
			return rk, err
		}
		rk.top, rk.dups = append(rk.top, h), append(rk.dups, dups)
	}
	return rk, err
}
