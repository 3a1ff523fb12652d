// Package hanzi normalises Chinese text for matching: traditional to simplified characters and full-width to half-width forms, one character for one, so offsets stay valid.
package hanzi

// The tables in opencc_tables.go come from OpenCC's TSCharacters and
// TSPhrases. To regenerate them on Debian:
//
//	apt-get install -y opencc libopencc-data
//	go generate ./hanzi
//
// Set OPENCC_DICT to a directory with TSCharacters.txt and TSPhrases.txt to
// use other dictionaries, and update NOTICE with their version.
//
//go:generate go run ./internal/gen -o opencc_tables.go

import (
	"strings"
	"unicode/utf8"
)

// Simplify converts traditional characters to simplified ones. Output rune i
// corresponds to input rune i: phrases (乾淨→干净, 乾隆 stays) apply only
// where OpenCC's simplified phrase has the same length, and characters without
// a one-for-one simplified form are left as they are. Invalid UTF-8 bytes are
// copied unchanged.
func Simplify(s string) string {
	return convert(s, false)
}

// Fold is Simplify plus width and case folding: full-width ASCII forms
// (U+FF01–U+FF5E) become ASCII, the ideographic space becomes ' ', and ASCII
// letters become lower case. It keeps rune count and positions like Simplify.
// Search and extraction compare folded text.
func Fold(s string) string {
	return convert(s, true)
}

// FoldRune folds one rune the way Fold does, without phrase context.
func FoldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return lowerASCII(r)
	case r >= 0xFF01 && r <= 0xFF5E:
		return lowerASCII(r - 0xFF01 + '!')
	case r == 0x3000:
		return ' '
	}
	return tables.simplifyRune(r)
}

func lowerASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// convert repeats pass until its output is stable. A phrase match can start
// inside what an earlier match consumed (覆露 then 露覆), so a second pass may
// segment differently; pass reports when that is possible at all, which for
// ordinary text is rare. Termination follows from the rewrites being acyclic
// (tested): every change moves a rune further from traditional.
func convert(s string, fold bool) string {
	for {
		out, again := pass(s, fold)
		if !again || out == s {
			return out
		}
		s = out
	}
}

// pass converts s once, returning s itself when nothing changes so that
// already normalised text costs no allocation. again reports whether a
// phrase could match the output differently: a changing phrase matched, or a
// rune was changed into one that occurs in some phrase.
func pass(s string, fold bool) (out string, again bool) {
	i := 0
	for i < len(s) {
		_, _, n, changed := tables.next(s[i:], fold)
		if changed {
			break
		}
		i += n
	}
	if i == len(s) {
		return s, false
	}

	var b strings.Builder
	b.Grow(len(s) + utf8.UTFMax)
	b.WriteString(s[:i])
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if fold && c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, phrase, n, changed := tables.next(s[i:], fold)
		switch {
		case !changed:
			b.WriteString(s[i : i+n])
		case phrase != "":
			b.WriteString(phrase)
			again = true
		default:
			b.WriteRune(r)
			again = again || tables.inPhrase(r)
		}
		i += n
	}
	return b.String(), again
}
