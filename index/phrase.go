package index

import (
	"bytes"
	"unicode/utf8"

	"github.com/dangjian/dangjian/query"
)

// phraseHits finds a phrase with spaces (query.MaxGap says what a space stands for): each
// occurrence of its first part that the other parts follow. An occurrence spans the whole
// phrase as the text writes it.
func (ix *Index) phraseHits(term string) (termHits, error) {
	parts := query.PhraseParts(term)
	pos, err := ix.occurrences(parts[0])
	if err != nil {
		return termHits{}, err
	}
	rest := make([][]byte, len(parts)-1)
	for i, p := range parts[1:] {
		rest[i] = []byte(p)
	}
	var occs []occ
	for _, p := range pos {
		if end, ok := followedBy(ix.folded, int(p)+len(parts[0]), rest); ok {
			occs = append(occs, occ{p, uint32(end - int(p))})
		}
	}
	return termHits{term: term, gram: -1, occs: occs}, nil
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
