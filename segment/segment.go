// Package segment splits Chinese text into words with gse, extended by a lexicon of Party-building terms.
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

	"github.com/go-ego/gse"
	"github.com/go-ego/gse/hmm"
)

// lexicon holds the domain terms; see the comment at the top of lexicon.txt for its format.
//
//go:embed lexicon.txt
var lexicon string

// charFreqText holds the frequencies of single characters from gse's
// dictionary, which gse itself replaces by 2 when loading; see charfreq.txt.
//
//go:embed charfreq.txt
var charFreqText string

// stock is gse's embedded dictionary with the real frequencies of single characters.
type stock struct {
	dict     *gse.Dictionary
	chars    map[rune]float64
	logTotal float64
}

// loadStock loads gse's embedded simplified and traditional dictionaries.
// Loading takes a few seconds, so every Segmenter in the process shares one
// copy, loaded on first use; after loading it is only read.
var loadStock = sync.OnceValue(func() *stock {
	seg := &gse.Segmenter{SkipLog: true}
	// LoadDictEmbed only fails for dictionary files on disk; the embedded ones always load.
	_ = seg.LoadDictEmbed("zh")
	chars := make(map[rune]float64)
	for _, line := range strings.Split(charFreqText, "\n") {
		term, freq := parseLexiconLine(line)
		if r, size := utf8.DecodeRuneInString(term); size == len(term) && freq > 0 {
			chars[r] = freq
		}
	}
	// The lexicon's frequencies are not added to the total: the total sets the
	// price of each extra word, and raising it would join ordinary words too.
	return &stock{dict: seg.Dict, chars: chars, logTotal: math.Log(seg.Dict.TotalFreq())}
})

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

	mu    sync.RWMutex
	terms map[string]float64 // domain terms and every prefix of them (prefixes with frequency 0)
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
func (s *Segmenter) load() {
	s.once.Do(func() {
		s.terms = make(map[string]float64)
		var terms []string
		freqs := make(map[string]float64)
		for _, line := range strings.Split(s.lexicon, "\n") {
			if term, freq := parseLexiconLine(line); term != "" {
				terms = append(terms, term)
				freqs[term] = freq
			}
		}
		for _, t := range byLength(terms) {
			s.addTerm(t, freqs[t])
		}
	})
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
	s.load()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range byLength(terms) {
		s.addTerm(strings.TrimSpace(t), 0)
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
func (s *Segmenter) addTerm(term string, freq float64) {
	term = strings.ToLower(term)
	if utf8.RuneCountInString(term) < 2 {
		return
	}
	if freq <= 0 {
		freq = s.suggestFreq(term)
	}
	s.terms[term] = freq
	for i := range term {
		if _, ok := s.terms[term[:i]]; !ok && i > 0 {
			s.terms[term[:i]] = 0
		}
	}
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
func (s *Segmenter) suggestFreq(term string) float64 {
	runes := []rune(term)
	route := s.routes(term, runes)
	split := math.Exp(route[0].logp + loadStock().logTotal)
	return math.Max(split*wholeMargin(len(runes)), s.known(term))
}

// known returns the frequency of word in the stock dictionary or among the added terms.
func (s *Segmenter) known(word string) float64 {
	f, _, _ := loadStock().dict.Find([]byte(word))
	return math.Max(f, s.terms[word])
}

// Cut splits text into words in order; whitespace is dropped.
func (s *Segmenter) Cut(text string) []string {
	toks := s.Tokens(text)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return words
}

// Tokens splits text into words with their rune offsets; whitespace is dropped.
// Like jieba's precise mode, runs of characters the dictionaries do not join
// are cut by gse's hidden Markov model.
func (s *Segmenter) Tokens(text string) []Token {
	s.load()
	s.mu.RLock()
	defer s.mu.RUnlock()

	lower := strings.ToLower(text) // same rune count: ToLower maps rune to rune
	var toks []Token
	start := 0 // rune offset of the current rune
	blockStart, blockByte := -1, 0
	flush := func(endByte int) {
		if blockStart >= 0 {
			toks = s.cutBlock(toks, lower[blockByte:endByte], blockStart)
			blockStart = -1
		}
	}
	prev := rune(-1)
	for i, r := range lower {
		switch {
		case inBlock(r):
			if blockStart < 0 {
				blockStart, blockByte = start, i
			}
		case unicode.IsSpace(r):
			flush(i)
		case (r == '—' || r == '…') && r == prev:
			// Chinese dashes and ellipses are written as two characters but are one mark.
			toks[len(toks)-1].End++
		default:
			flush(i)
			toks = append(toks, Token{Start: start, End: start + 1})
		}
		prev = r
		start++
	}
	flush(len(lower))
	return withText(toks, text)
}

// inBlock reports whether r can be part of a word; a block of such runes is
// segmented with the dictionaries, every other rune is a token of its own.
func inBlock(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) ||
		r == '○' || r == '〇' || r == '.' || r == '%' || r == '％' || r == '．'
}

// withText fills in the text of each token from the original text.
func withText(toks []Token, text string) []Token {
	offsets := make([]int, 0, len(text)+1)
	for i := range text {
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(text))
	for i := range toks {
		toks[i].Text = text[offsets[toks[i].Start]:offsets[toks[i].End]]
	}
	return toks
}

// step is one choice of the best segmentation: the word starting here ends
// before rune end, and logp is the log probability of the rest of the block.
type step struct {
	end  int
	logp float64
}

// routes finds, for every rune of block, the most probable segmentation of the
// block from there on (jieba's DAG with maximum probability path).
func (s *Segmenter) routes(block string, runes []rune) []step {
	n := len(runes)
	offsets := make([]int, 0, n+1)
	for i := range block {
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(block))
	st := loadStock()
	raw := []byte(block)
	route := make([]step, n+1)
	route[n] = step{end: n}
	for k := n - 1; k >= 0; k-- {
		best := step{end: k + 1, logp: math.Inf(-1)}
		consider := func(end int, freq float64) {
			p := math.Log(freq) - st.logTotal + route[end].logp
			if p > best.logp || (p == best.logp && end > best.end) {
				best = step{end: end, logp: p}
			}
		}
		consider(k+1, max(st.chars[runes[k]], 1)) // an unknown character has frequency 1
		if unicode.IsDigit(runes[k]) && (k == 0 || !unicode.IsDigit(runes[k-1])) {
			// A number is one word, as in the PKU and MSR standards, unless a
			// dictionary word that starts with it is more probable.
			consider(numberEnd(runes, k), 1)
		}
		for e := k + 2; e <= n; e++ {
			freq, _, ok := st.dict.Find(raw[offsets[k]:offsets[e]])
			if !ok {
				break
			}
			if freq > 0 {
				consider(e, freq)
			}
		}
		for e := k + 2; e <= n; e++ {
			freq, ok := s.terms[block[offsets[k]:offsets[e]]]
			if !ok {
				break
			}
			if freq > 0 {
				consider(e, freq)
			}
		}
		route[k] = best
	}
	return route
}

// numberSuffix lists what is written as one word with the number before it: dates and percentages.
const numberSuffix = "年月日%％"

// numberEnd returns the end of the number that starts at runes[k] (digits with
// decimal points inside) together with a date or percent sign after it: 2023年, 99.9%.
func numberEnd(runes []rune, k int) int {
	j := k + 1
	for j < len(runes) && (unicode.IsDigit(runes[j]) ||
		(isDecimalPoint(runes[j]) && j+1 < len(runes) && unicode.IsDigit(runes[j+1]))) {
		j++
	}
	if j < len(runes) && strings.ContainsRune(numberSuffix, runes[j]) {
		j++
	}
	return j
}

func isDecimalPoint(r rune) bool { return r == '.' || r == '．' }

// cutBlock appends the words of block, which starts at rune offset base.
// Consecutive single characters that do not form a known word are handed to the HMM.
func (s *Segmenter) cutBlock(toks []Token, block string, base int) []Token {
	runes := []rune(block)
	route := s.routes(block, runes)
	bufStart := -1
	flushBuf := func(end int) {
		if bufStart < 0 {
			return
		}
		buf := string(runes[bufStart:end])
		if end-bufStart == 1 || s.known(buf) > 0 {
			for i := bufStart; i < end; i++ {
				toks = append(toks, Token{Start: base + i, End: base + i + 1})
			}
		} else {
			at := base + bufStart
			for _, w := range hmm.Cut(buf) {
				l := utf8.RuneCountInString(w)
				toks = append(toks, Token{Start: at, End: at + l})
				at += l
			}
		}
		bufStart = -1
	}
	for k := 0; k < len(runes); {
		end := route[k].end
		if end-k == 1 {
			if bufStart < 0 {
				bufStart = k
			}
		} else {
			flushBuf(k)
			toks = append(toks, Token{Start: base + k, End: base + end})
		}
		k = end
	}
	flushBuf(len(runes))
	return toks
}
