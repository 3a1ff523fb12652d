package index

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// A generation keeps an article's original characters as the few places where folding
// changed one, not as a second copy of the text: folding keeps runes one for one, so the
// folded text plus these patches is the original. Most patches are full-width punctuation
// (，：；（）), which costs a byte or two each; a traditional character costs four or five.
//
// A patch is encoded as uvarint(gap<<1 | explicit), where gap is the number of folded bytes
// since the end of the previous patched character, then, when explicit is set, the original
// rune as a uvarint. Without it the original is the full-width form of the folded ASCII
// character, the commonest case.

// appendPatches encodes where orig differs from folded, its folded form (same runes).
func appendPatches(dst []byte, orig, folded string) []byte {
	i, j, last := 0, 0, 0 // bytes of orig and folded, end of the last patched folded rune
	for {
		k := commonPrefix(orig[i:], folded[j:])
		if i+k >= len(orig) || j+k >= len(folded) {
			return dst
		}
		// Back to the start of the rune that differs: the bytes before are identical.
		for k > 0 && !utf8.RuneStart(folded[j+k]) {
			k--
		}
		ro, so := utf8.DecodeRuneInString(orig[i+k:])
		rf, sf := utf8.DecodeRuneInString(folded[j+k:])
		at := j + k
		if wide(ro, rf) {
			dst = binary.AppendUvarint(dst, uint64(at-last)<<1)
		} else {
			dst = binary.AppendUvarint(dst, uint64(at-last)<<1|1)
			dst = binary.AppendUvarint(dst, uint64(ro))
		}
		i, j = i+k+so, j+k+sf
		last = j
	}
}

// wide reports whether orig is the full-width form of the ASCII character folded.
func wide(orig, folded rune) bool {
	return folded >= '!' && folded <= '~' && orig == folded-'!'+0xFF01
}

// commonPrefix is the number of leading bytes a and b share.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	k := 0
	for k+8 <= n && a[k:k+8] == b[k:k+8] {
		k += 8
	}
	for k < n && a[k] == b[k] {
		k++
	}
	return k
}

// original is a text in folded characters with the patches that restore its original
// ones. The folded bytes of an indexed article are the mapped file's, not a copy.
type original struct {
	folded  []byte
	patches []byte
}

// newOriginal pairs text with its folded form (same runes), for texts that are not stored.
func newOriginal(text, folded string) original {
	return original{folded: []byte(folded), patches: appendPatches(nil, text, folded)}
}

// text is the original of the folded bytes [ws, we), which must start and end characters.
// Patches are read from the start: an article has a few hundred. A patch that points
// outside the text ends the restoring rather than the search; Open verifies the file's
// checksum, so only a bug could write one.
func (o original) text(ws, we int) string {
	var b strings.Builder
	b.Grow((we - ws) * 3 / 2)
	cur, last := ws, 0
	for p := o.patches; len(p) > 0; {
		v, n := binary.Uvarint(p)
		if n <= 0 {
			break
		}
		p = p[n:]
		r := rune(0)
		if v&1 == 1 {
			u, n := binary.Uvarint(p)
			if n <= 0 || u > utf8.MaxRune {
				break
			}
			r, p = rune(u), p[n:]
		}
		at := last + int(v>>1)
		if at >= we || at < last {
			break
		}
		rf, size := utf8.DecodeRune(o.folded[at:])
		if at+size > we {
			break
		}
		last = at + size
		if at < ws {
			continue
		}
		if v&1 == 0 {
			r = rf - '!' + 0xFF01
		}
		b.Write(o.folded[cur:at])
		b.WriteRune(r)
		cur = last
	}
	b.Write(o.folded[cur:we])
	return b.String()
}
