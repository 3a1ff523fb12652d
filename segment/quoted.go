package segment

import (
	"unicode"
	"unicode/utf8"
)

// closers maps each opening quotation mark to its closing one.
var closers = map[rune]rune{'“': '”', '‘': '’', '「': '」', '『': '』', '《': '》', '"': '"'}

// maxQuoted is the longest quoted text, in runes, that is taken as a term.
const maxQuoted = 12

// QuotedTerms returns the terms written between quotation marks (“…” ‘…’ 「…」
// 『…』 《…》 "…"), in order of first appearance and without repeats. A term is
// 2 to 12 runes of Han characters, letters, digits and the joiners + and ·
// (as in “1+N”); anything else between the marks (sentence punctuation,
// spaces, nested quotes) means the quotation is not a name.
func QuotedTerms(text string) []string {
	var terms []string
	seen := make(map[string]bool)
	straightOpen := -1 // byte offset after an unmatched straight quote
	for i, r := range text {
		if r == '"' {
			if straightOpen < 0 {
				straightOpen = i + 1
				continue
			}
			terms = addQuoted(terms, seen, text[straightOpen:i])
			straightOpen = -1
			continue
		}
		closer, ok := closers[r]
		if !ok {
			continue
		}
		from := i + utf8.RuneLen(r)
		n := 0
		for j, c := range text[from:] {
			if c == closer {
				terms = addQuoted(terms, seen, text[from:from+j])
				break
			}
			if n++; n > maxQuoted {
				break
			}
		}
	}
	return terms
}

// addQuoted appends inner to terms if it is a term not seen before.
func addQuoted(terms []string, seen map[string]bool, inner string) []string {
	if seen[inner] || !isTerm(inner) {
		return terms
	}
	seen[inner] = true
	return append(terms, inner)
}

// isTerm reports whether s can be the name of something rather than a quoted phrase.
func isTerm(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '+' && r != '·' {
			return false
		}
	}
	return n >= 2 && n <= maxQuoted
}
