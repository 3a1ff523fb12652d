package gazetteer

// Central bodies not in the list are recognised by the shape of their names:
// a national prefix, a short middle and an ending that names a kind of body —
// 国家…局/总局/委员会/部/署 (state administrations and ministries), 中央…部/
// 办公室/委员会/工委 (Party Central Committee organs), 全国…党委/工委
// (national sector Party committees) and 中国…集团/公司/银行/大学/协会
// (central enterprises, banks, universities and national associations).
// The middle part is a few Han characters without function words or words
// of category (企业, 单位, 机关 …), so that 国家和省局, 中国的大学 or
// 中央单位 are not taken.

const maxPatternMiddle = 8

// patternEnds are the name endings of each prefix, longer endings first so
// that 中央财经委员会办公室 ends at 办公室, not at 委员会. The first ending
// reached wins: a longer window would run into the next name
// (国家税务总局湖北省税务局).
var patternEnds = []struct {
	prefix string
	ends   []string
}{
	{"国家", []string{"委员会", "总局", "局", "部", "署"}},
	{"中央", []string{"委员会办公室", "办公室", "委员会", "工委", "部"}},
	{"全国", []string{"党委", "工委"}},
	{"中国", []string{"集团", "公司", "银行", "大学", "协会", "联合会"}},
}

// categoryWords in the middle make a phrase a category of bodies (中央企业党委,
// 国家机关工委 of some province, 全国基层党委), not the name of one.
var categoryWords = []string{"企业", "单位", "机关", "部门", "基层", "各级", "地方", "有关", "相关", "特色", "一流", "现代"}

// notEnds are words that begin with an ending but are not one: 部署, 部门, 局面.
var notEnds = []string{"部署", "部门", "部分", "局面", "局势", "局长", "署名"}

// centralPattern returns the length in runes of a central-body name by
// pattern at the start of rs, or 0.
func centralPattern(rs []rune) int {
	if len(rs) < 4 || !(rs[0] == '国' && rs[1] == '家' || rs[0] == '中' && (rs[1] == '央' || rs[1] == '国') || rs[0] == '全' && rs[1] == '国') {
		return 0 // one test rejects nearly every position of a text
	}
	for _, p := range patternEnds {
		if !hasPrefixRunes(rs, p.prefix) {
			continue
		}
		start := len([]rune(p.prefix))
		for j := start; j < len(rs) && j < start+maxPatternMiddle+2; j++ {
			r := rs[j]
			if !isHan(r) || isFunctionChar(r) || hasPrefixRunes(rs[j:], categoryWords...) {
				break
			}
			if j == start {
				continue // the middle has at least one character
			}
			if hasPrefixRunes(rs[j:], notEnds...) {
				j++ // every word of notEnds has two characters
				continue
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
