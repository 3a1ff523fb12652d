package clean

import (
	"strings"
	"unicode/utf8"
)

// Hard-wrapped pages (old essays and mailing-list texts put on the web as they were typed)
// break every line at a fixed width, mostly in the middle of a sentence. Read line by
// line, each break looks like a layout cut and each next line like a fragment of another
// article; joined back into paragraphs they read like any other page.
const (
	// minWrapWidth is the least wrap width, in columns, taken for hard wrapping: narrower
	// runs of equal lines are verse or lists.
	minWrapWidth = 40
	// maxWrapWidth is the greatest: wider lines are paragraphs that were never wrapped.
	maxWrapWidth = 200
	// wrapBand is how far, in columns, a full line may fall short of the wrap width: a wide
	// character does not fit in the last column, an odd Latin letter leaves one free.
	wrapBand = 3
	// wrapSlack is how far a line may fall short of the wrap width and still be taken as
	// full when it ends mid-sentence: the first line of a paragraph lost its indent.
	wrapSlack = 8
	// minWrapLines is the least number of full lines that shows a page is hard-wrapped.
	minWrapLines = 8
)

// columns is the width of a line in fixed-width columns as a typewriter-style editor
// counts it: one for an ASCII character, two for any other (Han characters, full-width
// punctuation — two bytes each in GBK, where most such texts were wrapped).
func columns(s string) int {
	ascii, cont := 0, 0 // ASCII bytes, and continuation bytes of other characters
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < utf8.RuneSelf:
			ascii++
		case b&0xC0 == 0x80:
			cont++
		}
	}
	return 2*(len(s)-cont) - ascii
}

// lineColumns is the width of a line for telling hard wrapping: its columns, trailing
// space aside, or maxWrapWidth+1 for any line wider than maxWrapWidth, found without
// reading the long paragraphs of ordinary pages (a character has at most four bytes).
func lineColumns(raw string) int {
	if len(raw) > 4*(maxWrapWidth+1) {
		return maxWrapWidth + 1
	}
	return min(columns(strings.TrimRightFunc(raw, isSpaceRune)), maxWrapWidth+1)
}

// wrapWidth returns the width at which the text lines of a page were hard-wrapped, or 0
// when they were not. A page is hard-wrapped when most of its text lines fill one narrow
// band of widths, next to none is wider, and the full lines mostly stop mid-sentence.
// width holds the columns of each line, -1 for blank and noise lines.
func wrapWidth(lines []line, width []int) int {
	var count [maxWrapWidth + 2]int
	n := 0
	for _, w := range width {
		if w >= 0 {
			count[w]++
			n++
		}
	}
	if n-count[maxWrapWidth+1] < minWrapLines {
		return 0
	}
	best, inBest := 0, 0
	for w := minWrapWidth; w <= maxWrapWidth; w++ {
		in := 0
		for d := 0; d <= wrapBand; d++ {
			in += count[w-d]
		}
		if in > inBest {
			best, inBest = w, in
		}
	}
	if inBest < minWrapLines || 2*inBest < n {
		return 0
	}
	wider, open := 0, 0
	for i, w := range width {
		switch {
		case w > best:
			wider++
		case w >= best-wrapBand && !endsLikeSentence(trimClosers(lines[i].text)):
			open++
		}
	}
	if 10*wider > n || 3*open < 2*inBest {
		return 0
	}
	return best
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\r' || r == '\u00a0'
}

// trimClosers removes closing quotes and brackets after a sentence end.
func trimClosers(t string) string { return strings.TrimRight(t, "”’」』)）") }

// unwrap joins the lines of a hard-wrapped page back into paragraphs: a text line that
// fills the wrap width and does not end a sentence goes on in the text line right below
// it. Only the line breaks go (a space stands between two Latin words); no character is
// added, and noise lines, blank lines and lines that end a sentence stay breaks. It
// returns the lines unchanged when the page is not hard-wrapped, and the wrap width.
func unwrap(lines []line) ([]line, int) {
	width := make([]int, len(lines))
	for i, l := range lines {
		width[i] = -1
		if l.text != "" && l.noise == "" {
			width[i] = lineColumns(l.raw)
		}
	}
	wrap := wrapWidth(lines, width)
	if wrap == 0 {
		return lines, 0
	}
	out := make([]line, 0, len(lines))
	lastWidth := -1 // columns of the last input line in out, -1 if it is no text line
	for i, l := range lines {
		w := width[i]
		if w < 0 && l.text != "" {
			w = lineColumns(l.raw)
		}
		if l.text != "" && lastWidth >= wrap-wrapSlack && goesOn(out[len(out)-1], l, w, wrap) {
			prev := &out[len(out)-1]
			sep := ""
			a, _ := utf8.DecodeLastRuneInString(prev.text)
			b, _ := utf8.DecodeRuneInString(l.text)
			if isLatin(a) && isLatin(b) {
				sep = " "
			}
			prev.text += sep + l.text
			prev.raw = strings.TrimRightFunc(prev.raw, isSpaceRune) + sep + l.text
			prev.end = l.end
			lastWidth = w
			continue
		}
		out = append(out, l)
		lastWidth = width[i]
	}
	return out, wrap
}

// goesOn reports whether line l, w columns wide, continues the paragraph prev, whose
// last line fills the wrap width. A line that line cleaning took for noise continues it
// only in the middle of a sentence: a sentence end cut off to a line of its own (。”), or
// a full line that happens to hold a widget's or a footer's words. Link lists and spam
// are never pieces of a paragraph.
func goesOn(prev, l line, w, wrap int) bool {
	open := !endsLikeSentence(trimClosers(prev.text))
	switch l.noise {
	case "":
		return open || startsMidSentence(l.text)
	case ReasonJunk, ReasonWidget, ReasonFooter:
		return open && (w >= wrap-wrapSlack || startsMidSentence(l.text))
	}
	return false
}

func isLatin(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}
