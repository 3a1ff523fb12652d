package index

import (
	"bytes"
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/dangjian/dangjian/query"
)

// phraseHits finds a phrase with spaces (query.MaxGap says what a space stands for): each
// occurrence of its longest part, likely its rarest, that the other parts precede and
// follow. An occurrence spans the whole phrase as the text writes it.
func (ix *Index) phraseHits(term string) (termHits, error) {
	parts := query.PhraseParts(term)
	anchor := 0
	for i, p := range parts {
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(parts[anchor]) {
			anchor = i
		}
	}
	pos, err := ix.occurrences(parts[anchor])
	if err != nil {
		return termHits{}, err
	}
	bs := make([][]byte, len(parts))
	for i, p := range parts {
		bs[i] = []byte(p)
	}
	var occs []occ
	for _, p := range pos {
		start, ok := precededBy(ix.folded, int(p), bs[:anchor])
		if !ok {
			continue
		}
		if end, ok := followedBy(ix.folded, int(p)+len(bs[anchor]), bs[anchor+1:]); ok {
			occs = append(occs, occ{uint32(start), uint32(end - start)})
		}
	}
	// Gaps of different widths before the anchor could reorder starts; searches want them in order.
	slices.SortFunc(occs, func(a, b occ) int { return cmp.Compare(a.pos, b.pos) })
	occs = slices.CompactFunc(occs, func(a, b occ) bool { return a.pos == b.pos })
	return termHits{term: term, gram: -1, occs: occs}, nil
}

// precededBy reports whether the text before i ends with the parts in order, each followed
// by at most query.MaxGap separators, and where the first begins.
func precededBy(text []byte, i int, parts [][]byte) (int, bool) {
	for k := len(parts) - 1; k >= 0; k-- {
		for gap := 0; !bytes.HasSuffix(text[:i], parts[k]); gap++ {
			r, n := utf8.DecodeLastRune(text[:i])
			if gap == query.MaxGap || n == 0 || !query.IsSeparator(r) {
				return 0, false
			}
			i -= n
		}
		i -= len(parts[k])
	}
	return i, true
}

// followedBy reports whether text at i holds the parts in order, each after at most
// query.MaxGap separators, and where the last ends.
func followedBy(text []byte, i int, parts [][]byte) (int, bool) {
	for _, part := range parts {
		for gap := 0; !bytes.HasPrefix(text[i:], part); gap++ {
			r, n := utf8.DecodeRune(text[i:])
			if gap == query.MaxGap || n == 0 || !query.IsSeparator(r) {
				return 0, false
			}
			i += n
		}
		i += len(part)
	}
	return i, true
}
