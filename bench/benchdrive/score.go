package main

import (
	"fmt"
	"strings"
	"unicode"
)

// score is word-level precision, recall and F1 as the SIGHAN bakeoff's scorer computes
// them: a word is right when its character span is a gold word's span.
type score struct {
	P, R, F1           float64
	Gold, Got, Correct int
}

// spans turns words into [start, end) character spans over the text with whitespace
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

// scoreWords compares a segmentation with the gold one; both must cover the same characters.
func scoreWords(got, gold []string) (score, error) {
	gotSet, gotText := spans(got)
	goldSet, goldText := spans(gold)
	if gotText != goldText {
		return score{}, fmt.Errorf("segmentation covers other text than gold (%d vs %d bytes)", len(gotText), len(goldText))
	}
	s := score{Gold: len(goldSet), Got: len(gotSet)}
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
