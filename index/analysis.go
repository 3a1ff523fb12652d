package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Names under which the analysis pieces are registered in Bleve's registry.
const (
	gramTokenizerName = "dangjian_grams"
	gramAnalyzerName  = "dangjian_grams"
	wordAnalyzerName  = "dangjian_words"
)

func init() {
	// Bleve finds tokenizers by name through its registry, so this is the one place where
	// package state is set at start-up.
	if err := registry.RegisterTokenizer(gramTokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return gramTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// isWordRune decides which characters take part in n-grams: Han characters, letters and
// digits. Punctuation and spaces break runs, as they do in the text a researcher searches.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// gramTokenizer emits every character and every pair of adjacent characters of each run
// of word characters. Together they let any string be found wherever its characters stand,
// independent of word segmentation: a one-character query is a unigram lookup, a longer
// one the conjunction of its bigrams, verified against the text.
type gramTokenizer struct{}

func (gramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/2)
	pos := 1
	prevStart := -1 // byte offset of the previous word rune in the current run, -1 at a run break
	for i := 0; i < len(input); {
		r, size := utf8.DecodeRune(input[i:])
		if !isWordRune(r) {
			prevStart = -1
			i += size
			continue
		}
		out = append(out, &analysis.Token{Start: i, End: i + size, Term: input[i : i+size], Position: pos, Type: analysis.Ideographic})
		pos++
		if prevStart >= 0 {
			out = append(out, &analysis.Token{Start: prevStart, End: i + size, Term: input[prevStart : i+size], Position: pos, Type: analysis.Shingle})
			pos++
		}
		prevStart = i
		i += size
	}
	return out
}

// grams splits a folded query string into the index terms that every text containing it
// must have: its bigrams, or the single character of a one-character run.
func grams(s string) []string {
	var terms []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	var run []rune
	flush := func() {
		switch {
		case len(run) == 1:
			add(string(run))
		case len(run) > 1:
			for i := 0; i+1 < len(run); i++ {
				add(string(run[i : i+2]))
			}
		}
		run = run[:0]
	}
	for _, r := range s {
		if isWordRune(r) {
			run = append(run, r)
		} else {
			flush()
		}
	}
	flush()
	return terms
}
