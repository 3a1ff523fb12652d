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

// convert returns s itself when nothing changes, so already normalised text
// costs no allocation.
func convert(s string, fold bool) string {
	i := 0
	for i < len(s) {
		_, _, n, changed := tables.next(s[i:], fold)
		if changed {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
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
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}
