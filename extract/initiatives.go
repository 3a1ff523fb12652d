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
var labelNouns = wordList("问题", "现象", "难题", "顽症", "顽疾", "痼疾", "弊病", "弊端", "陋习", "歪风", "短板", "等次", "等级", "档次", "倾向")

// maxLabelGap is how many characters may qualify the label after 等 (等突出问题).
const maxLabelGap = 4

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
		if !d.isInitiative(s, q, string(d.rs[q.start:q.end])) {
			continue
		}
		name := string(d.orig[q.start:q.end])
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
	if d.headlineName(s, q) {
		return true
	}
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
	// “一般”等次, 评为“优秀”: a grade given to someone, not a programme.
	if ratings[norm] || d.ratedBefore(s, q.start-1) {
		return false
	}
	// “三种人”要求, “绿水青山就是金山银山”理念: someone's requirement or idea,
	// unless the name says itself what it is (“支部建设年”要求).
	if _, ok := prefixAt(rs, after, ideaNouns); ok && !headNamed(norm) {
		return false
	}
	// 纠“四风”, 破除“信息孤岛”: the object of fixing is a problem.
	if _, ok := suffixAt(rs, q.start-1, fixingVerbs); ok {
		return false
	}
	head := d.headFollows(s, after)
	// “红船精神”: a spirit or an idea is followed, not carried out, unless a
	// programme noun says otherwise (“弘扬百色起义精神”党性教育).
	if _, ok := suffixAt([]rune(norm), len([]rune(norm)), ideaEnds); ok && !head {
		return false
	}
	// 做到“一把钥匙开一把锁”, 作为述职的“主考题”: a state or a role described by a saying.
	if !head && d.figureBefore(s, q.start-1) {
		return false
	}
	if head || d.doneBefore(s, q.start-1) || d.usedAsMeans(s, q) {
		return true
	}
	return looksNamed(norm, name)
}

// ideaEnds end the names of spirits and ideas.
var ideaEnds = wordList("精神", "思想", "理念")

// ratings are the grades of an appraisal, which texts quote.
var ratings = map[string]bool{
	"好": true, "较好": true, "一般": true, "较差": true, "差": true, "优秀": true, "良好": true,
	"合格": true, "基本合格": true, "不合格": true, "称职": true, "基本称职": true, "不称职": true,
}

// ratingVerbs right before a mark give a grade: 评为“好”, 评定为“一般”.
var ratingVerbs = wordList("评为", "评定为", "评价为", "定为", "确定为", "认定为", "列为")

// ratedBefore reports whether a rating verb ends at pos, the opening mark.
func (d *doc) ratedBefore(s *sentence, pos int) bool {
	_, ok := suffixAt(d.rs, pos, ratingVerbs)
	return ok && pos > s.start
}

// ideaNouns after a mark make it someone's requirement, idea or goal.
var ideaNouns = wordList("要求", "理念", "目标", "精神", "论述", "号召", "指示", "讲话", "思想", "重要")

// fixingVerbs right before a mark make it a problem being fixed.
// 整改 and 治理 are left out: they are as often nouns (问题整改“清单制”).
var fixingVerbs = wordList("纠", "纠治", "纠正", "整治", "破解", "解决", "根治", "查处", "防止", "杜绝",
	"克服", "反对", "遏制", "摒弃", "防范", "破除", "打破")

// stateVerbs before a mark, in its clause, make it the state aimed at or the
// role taken (做到, 形成, 作为…的, 发挥…作用), which texts describe with
// sayings and metaphors rather than name.
var stateVerbs = wordList("做到", "达到", "实现", "形成", "成为", "作为", "当作", "当成", "视为", "发挥",
	"争当", "争做", "当好", "变成", "营造")

// maxStateGap is how far a state verb may stand before the mark it governs.
const maxStateGap = 12

// figureBefore reports whether a state verb governs the mark opening at pos.
func (d *doc) figureBefore(s *sentence, pos int) bool {
	rs := d.rs
	for p, gap := pos-1, 0; p >= s.start && gap <= maxStateGap; p, gap = p-1, gap+1 {
		r := rs[p]
		if isClauseBreak(r) || isEnder(r) || r == '”' || r == '》' {
			return false
		}
		if _, ok := suffixAt(rs, p+1, stateVerbs); ok {
			return true
		}
	}
	return false
}

// levers after 以“…”为 say that the marked name is the means an actor works
// with (以“循迹溯源学思想促践行”为牵引); measures and standards (为标尺) do not.
var levers = wordList("抓手", "牵引", "载体", "主线", "契机", "路径", "切入点", "突破口", "引领", "龙头", "依托", "平台")

// meansVerbs right before a mark make it the means of the work (通过“点对点”查问题).
var meansVerbs = wordList("通过", "运用", "依托", "借助", "利用")

// joinVerbs after 与“…” make the mark what a programme is joined with.
var joinVerbs = wordList("结合", "相结合", "融合", "深度融合", "相融合")

// usedAsMeans reports whether the mark q is what the actor takes up: the
// object of 把/将 (把“…”融入, 将“…”纳入) or the lever in 以“…”为抓手.
func (d *doc) usedAsMeans(s *sentence, q span) bool {
	rs := d.rs
	open := q.start - 1
	if open-1 < s.start {
		return false
	}
	if _, ok := suffixAt(rs, open, meansVerbs); ok {
		return true
	}
	switch rs[open-1] {
	case '把', '将':
		return true
	case '与', '和':
		_, ok := prefixAt(rs, q.end+1, joinVerbs) // 将院落会与“积分超市”结合
		return ok
	case '以':
		if q.end+1 < s.end && rs[q.end+1] == '为' {
			_, ok := prefixAt(rs, q.end+2, levers)
			return ok
		}
	}
	return false
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
	"会", "赛", "节", "榜", "奖", "法", "全覆盖", "超市",
)

// predicateVerbs after a mark start the clause's predicate: a head noun
// after them is their object, not the mark's kind (用督查“利剑”保障工作落实).
var predicateVerbs = wordList("保障", "推动", "促进", "助力", "带动", "确保", "保证", "提升", "激发", "凝聚", "汇聚", "引导")

// doingVerbs govern the programme an actor carries out.
var doingVerbs = wordList(
	"开展", "实施", "推行", "推进", "深化", "组织", "建立", "打造", "创建", "启动", "举办", "采取",
	"推出", "探索", "开发", "制定", "出台", "印发", "建设", "评选", "选树", "进行", "做实", "推广",
	"建成", "设立", "设置", "成立", "发起", "开设", "举行", "执行", "运用", "用好", "创新", "开通",
	"传承", "弘扬",
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
	// Four characters with a numeral (百花齐放, 一呼百应) are as often an
	// idiom as a name: they need a head noun or a verb of carrying out.
	if strings.ContainsRune(numeralStarts, first) && utf8.RuneCountInString(norm) != 4 {
		return true
	}
	return headNamed(norm)
}

// minYearName is how long the name of a year of a campaign is (支部建设年).
const minYearName = 4

// headNamed reports whether a name ends with a word that says what kind of
// programme it is (…活动, …工程, …建设年).
func headNamed(norm string) bool {
	rs := []rune(norm)
	if len(rs) >= minYearName && rs[len(rs)-1] == '年' && !isDigit(rs[len(rs)-2]) && !isChineseNumeral(rs[len(rs)-2]) {
		return true // 支部建设年, 作风建设年: a year given to a campaign
	}
	for _, h := range headNouns.list {
		if len(h) > 1 && strings.HasSuffix(norm, string(h)) {
			return true
		}
	}
	return false
}

// headlineName reports whether q is the mark a headline opens with after
// its actor (越秀区：“…”…, 黔东南州：“三级联述”压实…): a local report's
// headline leads with the programme it is about.
func (d *doc) headlineName(s *sentence, q span) bool {
	if len(d.sents) < 2 || s != &d.sents[0] || d.sents[1].para == s.para || q.start < s.start+3 {
		return false
	}
	c := d.rs[q.start-2]
	return c == '：' || c == ':'
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
			if _, ok := prefixAt(rs, p, predicateVerbs); ok {
				return false
			}
			if _, ok := prefixAt(rs, p, doingVerbs); ok || r == '为' {
				return false // the predicate begins: 以“…”为标尺推进工作
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
		if n, ok := suffixAt(rs, p+1, doingVerbs); ok && d.isVerbAt(s, p+1-n) {
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

// isVerbAt reports whether the word starting at pos is used as a verb: not
// inside a name (新疆生产建设兵团) nor the end of a noun after 党 (党组织).
func (d *doc) isVerbAt(s *sentence, pos int) bool {
	if pos > s.start && d.rs[pos-1] == '党' {
		return false
	}
	for _, m := range s.matches {
		if m.Start < pos && pos < m.End {
			return false
		}
	}
	return true
}

// labelsFollow reports whether a label noun closes the run of marked phrases
// that continues at pos: directly (“卡脖子”问题) or after 等 at the end of a
// list whose gaps are short (“落不细”、为民服务“跟不上”等问题).
func (d *doc) labelsFollow(s *sentence, pos int) bool {
	rs := d.rs
	if n, ok := prefixAt(rs, pos, labelNouns); ok {
		_, list := prefixAt(rs, pos+n, headNouns) // “一县一单”问题清单 is a list, a name
		return !list
	}
	gap := 0
	for p := pos; p < s.end; p++ {
		r := rs[p]
		switch {
		case r == '等':
			if _, ok := prefixAt(rs, p, labelNouns); ok {
				return true // 等次, 等级
			}
			// 等问题, 等突出问题: a label closes the list within a few characters.
			for k := p + 1; k < s.end && k <= p+1+maxLabelGap; k++ {
				if _, ok := prefixAt(rs, k, labelNouns); ok {
					return true
				}
				if isClauseBreak(rs[k]) || isEnder(rs[k]) {
					break
				}
			}
			return false
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
