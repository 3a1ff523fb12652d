package hanzi

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// astral marks a BMP entry whose simplified form lies outside the BMP.
const astral = 0xFFFF

// phrase is one phrase rule; same records that it changes nothing, so the
// allocation-free scan at the start of pass can step over it.
type phrase struct {
	trad, simp string
	same       bool
}

// table is the lookup form of the generated OpenCC data. It is built once at
// start-up and only read afterwards.
type table struct {
	// bmp maps a BMP rune to its simplified form; 0 means unchanged.
	bmp [0x10000]uint16
	// wide maps runes outside the BMP, and BMP runes marked astral.
	wide map[rune]rune
	// starts has bit r set when a phrase begins with BMP rune r, so most
	// runes skip the phrase lookup.
	starts [0x10000 / 64]uint64
	// phrases lists, per first rune, the phrases longest first.
	phrases map[rune][]phrase
	// used has bit r set when BMP rune r occurs in some phrase key;
	// wideUsed holds such runes outside the BMP.
	used     [0x10000 / 64]uint64
	wideUsed map[rune]bool
}

// tables is built from the generated constants at start-up and never written
// afterwards.
var tables = newTable(tsChars, tsPhrases+keptPhrases)

func newTable(pairs, phraseLines string) *table {
	t := &table{wide: make(map[rune]rune), phrases: make(map[rune][]phrase), wideUsed: make(map[rune]bool)}
	for pairs != "" {
		trad, n := utf8.DecodeRuneInString(pairs)
		simp, m := utf8.DecodeRuneInString(pairs[n:])
		pairs = pairs[n+m:]
		switch {
		case trad >= 0x10000:
			t.wide[trad] = simp
		case simp >= 0x10000:
			t.bmp[trad] = astral
			t.wide[trad] = simp
		default:
			t.bmp[trad] = uint16(simp)
		}
	}
	for line := range strings.Lines(phraseLines) {
		trad, simp, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		first, _ := utf8.DecodeRuneInString(trad)
		if first < 0x10000 {
			t.starts[first/64] |= 1 << (first % 64)
		}
		for _, r := range trad {
			if r < 0x10000 {
				t.used[r/64] |= 1 << (r % 64)
			} else {
				t.wideUsed[r] = true
			}
		}
		t.phrases[first] = append(t.phrases[first], phrase{trad: trad, simp: simp, same: trad == simp})
	}
	for _, ps := range t.phrases {
		slices.SortFunc(ps, func(a, b phrase) int { return cmp.Compare(len(b.trad), len(a.trad)) })
	}
	return t
}

func (t *table) simplifyRune(r rune) rune {
	if r >= 0 && r < 0x10000 {
		switch s := t.bmp[r]; s {
		case 0:
			return r
		case astral:
		default:
			return rune(s)
		}
	}
	if s, ok := t.wide[r]; ok {
		return s
	}
	return r
}

// next converts the rune or phrase at the start of s, which is non-empty. It
// returns the replacement rune, or the replacement phrase when one matched,
// the number of bytes consumed, and whether anything changed. Invalid bytes
// are consumed one at a time and never changed.
func (t *table) next(s string, fold bool) (r rune, phr string, n int, changed bool) {
	if c := s[0]; c < utf8.RuneSelf {
		r = rune(c)
		if fold {
			r = lowerASCII(r)
		}
		return r, "", 1, r != rune(c)
	}
	in, n := decodeRune(s)
	if in == utf8.RuneError && n == 1 {
		return in, "", 1, false
	}
	if t.startsPhrase(in) {
		for _, p := range t.phrases[in] {
			if strings.HasPrefix(s, p.trad) {
				return 0, p.simp, len(p.trad), !p.same
			}
		}
	}
	if fold {
		r = FoldRune(in)
	} else {
		r = t.simplifyRune(in)
	}
	return r, "", n, r != in
}

func (t *table) startsPhrase(r rune) bool {
	if r < 0x10000 {
		return t.starts[r/64]&(1<<(r%64)) != 0
	}
	_, ok := t.phrases[r]
	return ok
}

func (t *table) inPhrase(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return t.used[r/64]&(1<<(r%64)) != 0
	}
	return t.wideUsed[r]
}

// decodeRune is utf8.DecodeRuneInString with the three-byte case, where all
// common Chinese characters lie, decoded inline: the general decoder is not
// inlined and dominated the profile.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]&0xF0 == 0xE0 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		r := rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F)
		if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s)
}
