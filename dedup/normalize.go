package dedup

import (
	"strconv"
	"unicode"

	"github.com/dangjian/dangjian/hanzi"
)

// Normalize returns the text that documents are compared on: traditional characters
// simplified and widths folded (hanzi.Fold), Chinese numerals written as Arabic digits, and
// everything that is not a letter or a digit dropped. Two outlets that print the same report
// with different punctuation, spacing, character set or wording of numbers (第十年, 第10年)
// normalise to the same string.
//
// Every run of numeral characters that contains a digit (一…九, 两, 零, 〇) or 十 is
// converted, wherever it stands: 十→10, 二十三→23, 一千一百零七→1107, 二〇二三→2023,
// 三万→3万 (万 and 亿 stay characters, as outlets write 1107万). Words such as 统一 or
// 一心一意 are converted too (统1, 1心1意); that is harmless because both sides of a
// comparison are normalised the same way, and it avoids guessing which runs are numbers.
// Runs of 百, 千, 万 alone (千万工程) are words and stay.
func Normalize(text string) string {
	return string(appendNormalized(nil, text))
}

// appendNormalized appends the normalised runes of text to out.
func appendNormalized(out []rune, text string) []rune {
	var run []rune // the numeral run being read
	for _, r := range hanzi.Fold(text) {
		if _, ok := numeralValue(r); ok {
			run = append(run, r)
			continue
		}
		if len(run) > 0 {
			out = appendNumeral(out, run)
			run = run[:0]
		}
		if isWordRune(r) {
			out = append(out, r)
		}
	}
	if len(run) > 0 {
		out = appendNumeral(out, run)
	}
	return out
}

// isWordRune reports whether r is kept: letters and digits, with the common CJK block and
// ASCII decided without the Unicode tables.
func isWordRune(r rune) bool {
	switch {
	case r >= 0x4e00 && r <= 0x9fff:
		return true
	case r < 0x80:
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Values of the numeral characters: digits 0–9, units 10–1000, and the large units 万 and
// 亿, which split a number into sections.
const (
	wan = 10_000
	yi  = 100_000_000
)

func numeralValue(r rune) (int64, bool) {
	switch r {
	case '零', '〇', '○':
		return 0, true
	case '一':
		return 1, true
	case '二', '两':
		return 2, true
	case '三':
		return 3, true
	case '四':
		return 4, true
	case '五':
		return 5, true
	case '六':
		return 6, true
	case '七':
		return 7, true
	case '八':
		return 8, true
	case '九':
		return 9, true
	case '十':
		return 10, true
	case '百':
		return 100, true
	case '千':
		return 1000, true
	case '万':
		return wan, true
	case '亿':
		return yi, true
	}
	return 0, false
}

// appendNumeral appends the normalised form of a maximal run of numeral characters.
func appendNumeral(out, run []rune) []rune {
	hasDigit, hasTen, hasUnit, allZero := false, false, false, true
	for _, r := range run {
		v, _ := numeralValue(r)
		switch {
		case v < 10:
			hasDigit = true
			if v != 0 {
				allZero = false
			}
		case v < wan:
			hasUnit = true
			hasTen = hasTen || v == 10
			allZero = false
		default:
			allZero = false
		}
	}
	switch {
	case !hasDigit && !hasTen, allZero:
		// 千万, 万亿 are words; a lone 零 or ○ is a word or a bullet, not a number.
		return appendLetters(out, run)
	case !hasUnit:
		// Digit by digit: years and codes such as 二〇二三; 万 and 亿 stay, and the 零 after
		// them only marks a gap (一万零一 is 1万1).
		afterBig := false
		for _, r := range run {
			v, _ := numeralValue(r)
			switch {
			case v >= wan:
				out = append(out, r)
				afterBig = true
			case v == 0 && afterBig:
			default:
				out = append(out, rune('0'+v))
				afterBig = false
			}
		}
		return out
	}
	return appendPositional(out, run)
}

func appendLetters(out, run []rune) []rune {
	for _, r := range run {
		if unicode.IsLetter(r) {
			out = append(out, r)
		}
	}
	return out
}

// appendPositional converts a run with units (一千一百零七, 十三万). A digit directly after
// a digit ends the number (十一五 → 11 5), so malformed runs still convert the same way
// on both sides of a comparison.
func appendPositional(out, run []rune) []rune {
	var section int64
	cur := int64(-1) // the digit waiting for its unit, -1 when none
	started := false // section or cur holds a value not yet written
	flush := func() {
		if started {
			for _, b := range strconv.AppendInt(nil, section+max(cur, 0), 10) {
				out = append(out, rune(b))
			}
		}
		section, cur, started = 0, -1, false
	}
	for _, r := range run {
		v, _ := numeralValue(r)
		switch {
		case v == 0:
			// 零 only marks a gap (一千零七); the next digit fills the place.
		case v < 10:
			if cur >= 0 {
				flush()
			}
			cur, started = v, true
		case v < wan:
			if cur < 0 {
				cur = 1 // 十三 means 一十三
			}
			section += cur * v
			cur, started = -1, true
		default:
			flush()
			out = append(out, r)
		}
	}
	flush()
	return out
}
