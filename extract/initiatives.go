package extract

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

//go:embed stoplist.txt
var stopListText string

func stopList() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(stopListText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[normName(line)] = true
		}
	}
	return m
}

// normName drops punctuation and spaces so that 书记抓、抓书记 and 书记抓,抓书记 compare equal.
func normName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if isPunct(r) || isSpace(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isPunct(r rune) bool {
	if r < utf8.RuneSelf {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80)
	}
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF0F || r >= 0xFF1A && r <= 0xFF20 ||
		r >= 0x2010 && r <= 0x2027 || r == '·' || r == '•'
}

// speechVerbs before a mark introduce quoted speech, not a name.
var speechVerbs = wordList("说", "表示", "指出", "强调", "认为", "感慨", "介绍", "坦言", "称", "道", "写道", "提出")

// labelNouns right after a mark (or after a list of marked phrases closed by
// 等) say that the marks name a problem or a rating, not something the actor
// carries out: “形严实软”现象, “卡脖子”问题, “一般”和“差”等次.
var labelNouns = wordList("问题", "现象", "难题", "顽症", "短板", "等次", "等级", "档次", "倾向")

// timeFollowers after a mark make it a time reference (“大考”后).
var timeFollowers = wordList("后", "前", "以来", "期间", "之际", "之后", "之前")

// initiatives returns the initiatives of sentence si, one per actor.
func (d *doc) initiatives(si int) []Initiative {
	s := &d.sents[si]
	var out []Initiative
	for _, q := range s.quotes {
		if q.end <= q.start {
			continue
		}
		name := string(d.rs[q.start:q.end])
		if !d.isInitiative(s, q, name) {
			continue
		}
		for _, a := range s.actorsAt(q.start) {
			out = append(out, Initiative{Actor: a, Name: name, Sentence: si, Start: q.start, End: q.end})
		}
	}
	return out
}

func (d *doc) isInitiative(s *sentence, q span, name string) bool {
	rs := d.rs
	norm := normName(name)
	n := utf8.RuneCountInString(norm)
	switch {
	case n < 2:
		return false // a single character is a word in use, not a name
	case d.ex.stop[norm]:
		return false
	case n > 30:
		return false // a whole passage
	case strings.ContainsAny(name, "。！？!?；;…"):
		return false // quoted sentences
	case potentialComplement(norm):
		return false
	}
	open := rs[q.start-1]
	if open == '《' && (strings.HasSuffix(norm, "报") || strings.HasSuffix(norm, "杂志")) {
		return false // a newspaper or journal
	}
	// Speech: 说,“…” / 表示:“…”
	p := q.start - 1
	for p > s.start && (rs[p-1] == ',' || rs[p-1] == '，' || rs[p-1] == ':' || rs[p-1] == '：' || isSpace(rs[p-1])) {
		p--
	}
	if p < q.start-1 || p == s.start {
		// after a comma or colon, or at the start of the sentence: speech if
		// a speech verb precedes or the quote is long and has its own commas
		if _, ok := suffixAt(rs, p, speechVerbs); ok {
			return false
		}
		if p == s.start && n > 12 && strings.ContainsAny(name, ",，") {
			return false
		}
	}
	after := q.end + 1
	if _, ok := prefixAt(rs, after, timeFollowers); ok {
		return false
	}
	if d.labelsFollow(s, after) {
		return false
	}
	return looksNamed(norm, name) || d.headFollows(s, after) || d.doneBefore(s, q.start-1)
}

// Marked phrases are names of programmes when the marks hold a structured
// name, when the name or the words after it say what kind of programme it is,
// or when a verb of carrying out governs it. Without any of these a marked
// word is a figure of speech (把牢思想“总开关”, 吹响“集结号”, 团结职工“主力军”).

// headNouns name kinds of programmes, mechanisms and bodies.
var headNouns = wordList(
	"活动", "行动", "工程", "计划", "机制", "制度", "项目", "党日", "评选", "创建", "方式", "方法",
	"工作法", "系统", "平台", "清单", "品牌", "模式", "课题", "讨论", "竞赛", "比武", "大赛", "服务",
	"专项", "攻坚", "载体", "体系", "工作室", "驿站", "阵地", "示范", "试点", "联盟", "战略", "改革",
	"运动", "宣讲", "培训", "教育", "实践", "建设", "治理", "整治", "联系点", "中心", "支部", "党委",
	"网格", "做法", "经验", "评议", "述职", "考核", "督查", "巡察", "调研", "结对", "共建", "联建",
	"管理", "工作", "课堂", "讲堂", "党课", "书屋", "之家", "站", "室", "队", "班", "网", "群",
	"会", "赛", "节", "榜", "奖", "法",
)

// doingVerbs govern the programme an actor carries out.
var doingVerbs = wordList(
	"开展", "实施", "推行", "推进", "深化", "组织", "建立", "打造", "创建", "启动", "举办", "采取",
	"推出", "探索", "开发", "制定", "出台", "印发", "建设", "评选", "选树", "进行", "做实", "推广",
	"建成", "设立", "设置", "成立", "发起", "开设", "举行", "执行", "运用", "用好", "创新", "开通",
)

// structural characters inside marks join the parts of a slogan programme
// (感党恩、听党话、跟党走; 党建+营商环境建设; 结对帮扶·爱心甘肃).
const structural = "、,，·+"

// numeralStarts open counted names (四下基层, 双融双强, 1+1+1, 百千万).
const numeralStarts = "0123456789一二两三四五六七八九十百千万双"

func looksNamed(norm, name string) bool {
	if strings.ContainsAny(name, structural) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(norm)
	if strings.ContainsRune(numeralStarts, first) {
		return true
	}
	for _, h := range headNouns {
		if len(h) > 1 && strings.HasSuffix(norm, string(h)) {
			return true
		}
	}
	return false
}

// maxHeadGap is how many characters may stand between a mark and the head
// noun that classifies it (“百千万”产业培育工程).
const maxHeadGap = 6

// headFollows reports whether a head noun follows the mark closing at pos-1,
// directly, after a few words, or after the rest of a list (“…”、“…”等活动).
func (d *doc) headFollows(s *sentence, pos int) bool {
	rs := d.rs
	gap := 0
	inMark := false
	for p := pos; p < s.end; p++ {
		r := rs[p]
		if !inMark {
			if _, ok := prefixAt(rs, p, headNouns); ok {
				return true
			}
		}
		switch {
		case r == '“':
			inMark = true
		case r == '”':
			inMark, gap = false, 0
		case inMark:
		case r == '、' || r == '等' || r == '和':
			gap = 0
		case isClauseBreak(r) || isEnder(r) || r == '的':
			return false
		default:
			gap++
			if gap > maxHeadGap {
				return false
			}
		}
	}
	return false
}

// maxVerbGap is how many characters may stand between a verb and the mark it
// governs (开展民营企业“法治体检”).
const maxVerbGap = 8

// doneBefore reports whether a verb of carrying out stands before the mark
// opening at pos, in the same clause, or governs the list the mark is in.
func (d *doc) doneBefore(s *sentence, pos int) bool {
	rs := d.rs
	inMark := false
	gap := 0
	for p := pos - 1; p >= s.start; p-- {
		r := rs[p]
		switch {
		case r == '”':
			inMark = true
			continue
		case r == '“':
			inMark, gap = false, 0
			continue
		case inMark:
			continue
		case isClauseBreak(r) || isEnder(r):
			return false
		}
		if _, ok := suffixAt(rs, p+1, doingVerbs); ok {
			return true
		}
		if r != '、' {
			gap++
		}
		if gap > maxVerbGap {
			return false
		}
	}
	return false
}

// labelsFollow reports whether a label noun closes the run of marked phrases
// that continues at pos: directly (“卡脖子”问题) or after 等 at the end of a
// list whose gaps are short (“落不细”、为民服务“跟不上”等问题).
func (d *doc) labelsFollow(s *sentence, pos int) bool {
	rs := d.rs
	if _, ok := prefixAt(rs, pos, labelNouns); ok {
		return true
	}
	gap := 0
	for p := pos; p < s.end; p++ {
		r := rs[p]
		switch {
		case r == '等':
			_, ok1 := prefixAt(rs, p, labelNouns)
			_, ok2 := prefixAt(rs, p+1, labelNouns)
			return ok1 || ok2
		case r == '“' || r == '”' || r == '、' || r == '和' && gap == 0:
			gap = 0
		case isClauseBreak(r) || isEnder(r):
			return false
		default:
			gap++
			if gap > 6 {
				return false
			}
		}
	}
	return false
}

// suffixAt reports whether one of ws ends right before rune offset pos.
func suffixAt(rs []rune, pos int, ws words) (int, bool) {
	w, ok := ws.before(rs, pos)
	return len(w), ok
}

// potentialComplement reports three-character verb phrases of the form X不Y
// (落不细, 跟不上, 坐不住): they describe a failing, not a programme.
func potentialComplement(s string) bool {
	rs := []rune(s)
	return len(rs) == 3 && rs[1] == '不'
}
