package gazetteer

// Central bodies not in the list are recognised by the shape of their names:
// 国家…局 / 国家…总局 (national administrations) and 中国…集团 / 中国…公司 /
// 中国…大学 (central enterprises and national universities). The middle
// part is a few Han characters without function words, so that phrases such
// as 国家和省局 or 中国的大学 are not taken.

const maxPatternMiddle = 8

// patternEnds are the name endings of each pattern's prefix.
var patternEnds = []struct {
	prefix string
	ends   []string
}{
	{"国家", []string{"总局", "局"}},
	{"中国", []string{"集团", "公司", "大学"}},
}

// centralPattern returns the length in runes of a central-body name by
// pattern at the start of rs, or 0.
func centralPattern(rs []rune) int {
	if len(rs) < 4 || rs[0] != '国' && rs[0] != '中' {
		return 0
	}
	for _, p := range patternEnds {
		if !hasPrefixRunes(rs, p.prefix) {
			continue
		}
		start := len([]rune(p.prefix))
		for j := start; j < len(rs) && j < start+maxPatternMiddle+2; j++ {
			r := rs[j]
			if !isHan(r) || isFunctionChar(r) {
				break
			}
			if j == start {
				continue // the middle has at least one character
			}
			for _, e := range p.ends {
				if hasPrefixRunes(rs[j:], e) {
					return j + len([]rune(e))
				}
			}
		}
	}
	return 0
}

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF
}

// isFunctionChar reports characters that end a name's middle part: particles,
// conjunctions and words of quantity that names of bodies do not contain.
func isFunctionChar(r rune) bool {
	switch r {
	case '的', '和', '与', '及', '等', '在', '各', '有', '对', '是', '为', '了', '级', '把', '将', '向', '从', '到', '并', '或', '式':
		return true
	}
	return false
}
