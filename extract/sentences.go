package extract

import (
	"sort"

	"github.com/dangjian/dangjian/gazetteer"
)

// span is a half-open rune range.
type span struct{ start, end int }

// sentence is the working form of a sentence.
type sentence struct {
	start, end int
	para       int
	quotes     []span // top-level marked names: the text between the marks
	matches    []gazetteer.Match
	groups     []group
	inherited  []Actor
	line       []Actor // the place of the dateline that opens the sentence
	proper     int     // where the sentence proper begins after a dateline; 0 without one
}

// group is a run of actors that together are the subject of a clause
// (黑龙江、湖北等地), starting at rune offset pos.
type group struct {
	pos    int
	actors []Actor
}

func (s *sentence) actors() []Actor {
	if len(s.groups) == 0 {
		return s.inherited
	}
	var out []Actor
	for _, g := range s.groups {
		for _, a := range g.actors {
			if !hasActor(out, a) {
				out = append(out, a)
			}
		}
	}
	return out
}

// stretches divides the sentence where actorsAt changes its answer: at the subject of
// every clause group after the first, merging neighbours that name the same actors.
func (s *sentence) stretches() []Stretch {
	out := []Stretch{{Start: s.start, End: s.end, Actors: s.actorsAt(s.start)}}
	for i, g := range s.groups {
		last := &out[len(out)-1]
		if i == 0 || g.pos <= last.Start || g.pos >= s.end || sameActors(g.actors, last.Actors) {
			continue
		}
		last.End = g.pos
		out = append(out, Stretch{Start: g.pos, End: s.end, Actors: g.actors})
	}
	return out
}

func sameActors(a, b []Actor) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !hasActor(b, x) {
			return false
		}
	}
	return true
}

// actorsAt returns the actors an item at rune offset pos belongs to: the
// subject of the nearest clause before it, else the first subject of the
// sentence, else what the sentence inherited.
func (s *sentence) actorsAt(pos int) []Actor {
	if len(s.groups) == 0 {
		return s.inherited
	}
	best := s.groups[0].actors
	for _, g := range s.groups {
		if g.pos <= pos {
			best = g.actors
		}
	}
	return best
}

func hasActor(as []Actor, a Actor) bool {
	for _, b := range as {
		if b == a {
			return true
		}
	}
	return false
}

// closerOf returns the mark that closes the opening mark r, or 0.
func closerOf(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '‘':
		return '’'
	case '「':
		return '」'
	case '『':
		return '』'
	case '《':
		return '》'
	}
	return 0
}

func isEnder(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '…':
		return true
	}
	return false
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\u3000' || r == '\u00a0'
}

// maxQuote bounds how far an opening mark can reach: an unclosed mark does
// not swallow the rest of the paragraph.
const maxQuote = 200

// splitSentences cuts text at sentence-ending punctuation and line breaks. A
// sentence does not end inside quotation marks; closing marks and brackets
// right after the ending punctuation stay with the sentence.
func splitSentences(rs []rune) []sentence {
	var out []sentence
	para := 0
	start := -1
	var stack []rune // expected closing marks
	var opens []int
	var quotes []span
	asciiOpen := -1
	flush := func(end int) {
		if start >= 0 {
			// trim trailing spaces
			for end > start && isSpace(rs[end-1]) {
				end--
			}
			if end > start {
				out = append(out, sentence{start: start, end: end, para: para, quotes: quotes})
			}
		}
		start, stack, opens, quotes, asciiOpen = -1, stack[:0], opens[:0], nil, -1
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\n' {
			flush(i)
			para++
			continue
		}
		if start < 0 {
			if isSpace(r) {
				continue
			}
			start = i
		}
		if len(stack) > 0 && i-opens[len(opens)-1] > maxQuote {
			stack, opens = stack[:0], opens[:0]
		}
		switch c := closerOf(r); {
		case c != 0:
			stack = append(stack, c)
			opens = append(opens, i)
			continue
		case len(stack) > 0 && r == stack[len(stack)-1]:
			o := opens[len(opens)-1]
			stack, opens = stack[:len(stack)-1], opens[:len(opens)-1]
			if len(stack) == 0 {
				quotes = append(quotes, span{o + 1, i})
			}
			continue
		case r == '"':
			if asciiOpen < 0 {
				asciiOpen = i
			} else {
				if len(stack) == 0 {
					quotes = append(quotes, span{asciiOpen + 1, i})
				}
				asciiOpen = -1
			}
			continue
		}
		if len(stack) > 0 || asciiOpen >= 0 || !isEnder(r) {
			continue
		}
		j := i + 1
		for j < len(rs) && (isEnder(rs[j]) || isCloser(rs[j])) {
			j++
		}
		flush(j)
		i = j - 1
	}
	flush(len(rs))
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '》', ')', '）', ']', '】':
		return true
	}
	return false
}

// inQuote reports whether rune offset pos lies inside one of the sentence's marked names.
func (s *sentence) inQuote(pos int) bool {
	i := sort.Search(len(s.quotes), func(i int) bool { return s.quotes[i].end >= pos })
	return i < len(s.quotes) && pos >= s.quotes[i].start-1
}
