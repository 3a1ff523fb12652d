// Package segment splits Chinese text into words with gse's dictionary and HMM, extended by a lexicon of Party-building terms.
package segment

import (
	_ "embed"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// lexicon holds the domain terms; see the comment at the top of lexicon.txt for its format.
//
//go:embed lexicon.txt
var lexicon string

// Token is a word of a text with its position in runes: text[Start:End] as runes is Text.
type Token struct {
	Text       string
	Start, End int
}

// Segmenter cuts text into words. It combines gse's stock dictionary, the domain
// lexicon and terms added with AddTerms; each Segmenter has its own added terms.
// A Segmenter is safe for concurrent use.
type Segmenter struct {
	lexicon string
	once    sync.Once
	pool    sync.Pool // *scratch, so that cutting allocates only the result

	mu    sync.RWMutex
	terms overlay // domain and added terms
}

// New returns a Segmenter. It does not load the dictionary: that happens on the
// first call of Cut, Tokens or AddTerms.
func New() *Segmenter {
	return newWithLexicon(lexicon)
}

// newWithLexicon returns a Segmenter with another lexicon, so tests can measure what the lexicon changes.
func newWithLexicon(lex string) *Segmenter {
	return &Segmenter{lexicon: lex}
}

// load prepares the stock dictionary and the lexicon on first use.
func (s *Segmenter) load() *stock {
	st := loadStock()
	s.once.Do(func() { s.loadLexicon(st) })
	return st
}

// loadLexicon starts the Segmenter's terms with those of its lexicon.
func (s *Segmenter) loadLexicon(st *stock) {
	s.terms = newOverlay()
	var terms []string
	freqs := make(map[string]float64)
	for _, line := range strings.Split(s.lexicon, "\n") {
		if term, freq := parseLexiconLine(line); term != "" {
			terms = append(terms, term)
			freqs[term] = freq
		}
	}
	for _, t := range byLength(terms) {
		s.addTerm(st, t, freqs[t])
	}
}

// parseLexiconLine reads "term [freq [pos]]"; comments start with #. A missing or
// unreadable frequency is returned as 0, meaning "choose one".
func parseLexiconLine(line string) (string, float64) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return "", 0
	}
	var freq float64
	if len(fields) > 1 {
		if f, err := strconv.ParseFloat(fields[1], 64); err == nil {
			freq = f
		}
	}
	return fields[0], freq
}

// AddTerms adds words that must not be split, such as names learnt from quotation marks.
func (s *Segmenter) AddTerms(terms []string) {
	st := s.load()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range byLength(terms) {
		s.addTerm(st, strings.TrimSpace(t), 0)
	}
}

// byLength returns terms sorted from short to long. Terms are added in that
// order so that a term's frequency is chosen knowing the shorter terms inside
// it: 党务工作者 must be there before 优秀党务工作者 is measured against it.
func byLength(terms []string) []string {
	sorted := slices.Clone(terms)
	slices.SortStableFunc(sorted, func(a, b string) int {
		return utf8.RuneCountInString(a) - utf8.RuneCountInString(b)
	})
	return sorted
}

// addTerm records term with freq, or with a suggested frequency when freq is 0.
// The caller holds s.mu or runs inside s.once.
func (s *Segmenter) addTerm(st *stock, term string, freq float64) {
	term = strings.ToLower(term)
	if utf8.RuneCountInString(term) < 2 {
		return
	}
	if freq <= 0 {
		freq = s.suggestFreq(st, term)
	}
	s.terms.add(term, freq, st.logTotal)
}

// wholeMargin is how many times more probable an added term is than its most
// probable split, so that it also survives next to words that compete for its
// first or last character (以两学一做为: 做为 must not win). Longer terms get a
// larger margin: a 4-character slogan rarely appears by accident, while a short
// term can turn up across a word boundary (城市委员会 is not 城/市委/员会).
func wholeMargin(runes int) float64 {
	return math.Pow(10, float64(min(runes, 5)))
}

// suggestFreq gives term a frequency that makes the whole word more probable
// than any way of splitting it (jieba's suggest_freq with a safety margin).
func (s *Segmenter) suggestFreq(st *stock, term string) float64 {
	sc := s.scratch(st, term)
	defer s.pool.Put(sc)
	n := len(sc.runes)
	sc.route(st, &s.terms, 0, n)
	split := math.Exp(sc.logp[0] + st.logTotal)
	known := 0.0
	if lp, ok := sc.stockWord(st, 0, n); ok {
		known = math.Exp(lp + st.logTotal)
	}
	return math.Max(split*wholeMargin(n), math.Max(known, s.terms.freq(sc.runes)))
}

// Cut splits text into words in order; whitespace is dropped.
func (s *Segmenter) Cut(text string) []string {
	sc := s.cut(text)
	defer s.pool.Put(sc)
	if len(sc.spans) == 0 {
		return nil
	}
	words := make([]string, len(sc.spans))
	for i, sp := range sc.spans {
		words[i] = text[sc.off[sp.start]:sc.off[sp.end]]
	}
	return words
}

// Tokens splits text into words with their rune offsets; whitespace is dropped.
// Like jieba's precise mode, runs of characters the dictionaries do not join
// are cut by gse's hidden Markov model.
func (s *Segmenter) Tokens(text string) []Token {
	sc := s.cut(text)
	defer s.pool.Put(sc)
	if len(sc.spans) == 0 {
		return nil
	}
	toks := make([]Token, len(sc.spans))
	for i, sp := range sc.spans {
		toks[i] = Token{Text: text[sc.off[sp.start]:sc.off[sp.end]], Start: int(sp.start), End: int(sp.end)}
	}
	return toks
}

// cut segments text into sc.spans; the caller returns sc to the pool.
func (s *Segmenter) cut(text string) *scratch {
	st := s.load()
	sc := s.scratch(st, text)
	s.mu.RLock()
	defer s.mu.RUnlock()
	runes := sc.runes
	for i := 0; i < len(runes); {
		r := runes[i]
		class := st.class(r)
		switch {
		case class&classBlock != 0:
			j := i + 1
			for j < len(runes) && st.class(runes[j])&classBlock != 0 {
				j++
			}
			sc.cutBlock(st, &s.terms, i, j)
			i = j
			continue
		case class&classSpace != 0:
		case (r == '—' || r == '…') && i > 0 && runes[i-1] == r:
			// Chinese dashes and ellipses are written as two characters but are one mark.
			sc.spans[len(sc.spans)-1].end++
		default:
			sc.spans = append(sc.spans, span{int32(i), int32(i + 1)})
		}
		i++
	}
	return sc
}

// scratch returns a pooled scratch holding text decoded and lower-cased, with codes.
func (s *Segmenter) scratch(st *stock, text string) *scratch {
	sc, _ := s.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	sc.decode(st, text)
	return sc
}

// inBlock reports whether r can be part of a word; a block of such runes is
// segmented with the dictionaries, every other rune is a token of its own.
func inBlock(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || r == '%'
	}
	if 0x4e00 <= r && r <= 0x9fff { // the main block of Han characters
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) ||
		r == '○' || r == '〇' || r == '％' || r == '．'
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	if 0x4e00 <= r && r <= 0x9fff {
		return false
	}
	return unicode.IsDigit(r)
}

// numberSuffix lists what is written as one word with the number before it: dates and percentages.
const numberSuffix = "年月日%％"

// numberEnd returns the end of the number that starts at runes[k] (digits with
// decimal points inside) together with a date or percent sign after it: 2023年, 99.9%.
func numberEnd(runes []rune, k int) int {
	j := k + 1
	for j < len(runes) && (isDigit(runes[j]) ||
		(isDecimalPoint(runes[j]) && j+1 < len(runes) && isDigit(runes[j+1]))) {
		j++
	}
	if j < len(runes) && strings.ContainsRune(numberSuffix, runes[j]) {
		j++
	}
	return j
}

func isDecimalPoint(r rune) bool { return r == '.' || r == '．' }
