// Package sighan scores a word segmentation against gold as the SIGHAN 2005 bakeoff's
// scorer does: a word is right when its character span is a gold word's span.
package sighan

import (
	"fmt"
	"strings"
	"unicode"
)

// Score is word-level precision, recall and F1.
type Score struct {
	P, R, F1           float64
	Gold, Got, Correct int
}

// spans turns words into [start, end) character spans over the text with white space
// removed, so that line breaks in different places do not matter.
func spans(words []string) (map[[2]int]bool, string) {
	set := make(map[[2]int]bool, len(words))
	var text strings.Builder
	at := 0
	for _, w := range words {
		w = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, w)
		n := len([]rune(w))
		if n == 0 {
			continue
		}
		set[[2]int{at, at + n}] = true
		text.WriteString(w)
		at += n
	}
	return set, text.String()
}

// Words compares a segmentation with the gold one; both must cover the same characters.
func Words(got, gold []string) (Score, error) {
	gotSet, gotText := spans(got)
	goldSet, goldText := spans(gold)
	if gotText != goldText {
		return Score{}, fmt.Errorf("segmentation covers other text than gold (%d vs %d bytes)", len(gotText), len(goldText))
	}
	s := Score{Gold: len(goldSet), Got: len(gotSet)}
	for sp := range gotSet {
		if goldSet[sp] {
			s.Correct++
		}
	}
	if s.Got > 0 && s.Gold > 0 && s.Correct > 0 {
		s.P = float64(s.Correct) / float64(s.Got)
		s.R = float64(s.Correct) / float64(s.Gold)
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s, nil
}
