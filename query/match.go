package query

import (
	"strings"
	"unicode"
)

// A space inside a quoted phrase stands for whatever Chinese text puts between words
// there, or nothing: any run of whitespace and punctuation of up to MaxGap characters.
// "三会一课 制度" finds 三会一课制度, 三会一课、制度 and 三会一课” 制度; the text never has
// to hold a space, since Chinese is written without them.
const MaxGap = 4

// PhraseParts splits a phrase at its spaces; a word or a phrase without spaces is one part.
func PhraseParts(s string) []string { return strings.Fields(s) }

// IsSeparator is what may stand for a space of a phrase: spaces and punctuation, Chinese
// (、，“”《》·) or not.
func IsSeparator(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }

// MatchAt is how many runes of text, from p, the word or phrase needle covers there (both
// folded alike), or 0 when it does not stand at p.
func MatchAt(text []rune, p int, needle string) int {
	i := p
	for k, part := range PhraseParts(needle) {
		pr := []rune(part)
		for gap := 0; ; gap++ {
			if i+len(pr) <= len(text) && string(text[i:i+len(pr)]) == part {
				break
			}
			if k == 0 || gap == MaxGap || i >= len(text) || !IsSeparator(text[i]) {
				return 0
			}
			i++
		}
		i += len(pr)
	}
	return i - p
}
