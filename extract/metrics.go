package extract

import (
	"github.com/dangjian/dangjian/hanzi"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/gazetteer"
)

// units are the measure words that make a number a count of results,
// longest first so that 人次 wins over 人.
var units = wordList(
	"个百分点", "人次", "户次", "家次", "场次", "余人", "亿元", "万元", "元",
	"%", "％", "个", "位", "人", "项", "条", "件", "名", "家", "次", "所", "户", "场", "期", "篇",
	"份", "批", "支", "座", "处", "套", "台", "辆", "吨", "亩", "倍", "本", "册", "届", "间",
	"门", "起", "对",
)

// notUnitAfter rejects a unit that starts a longer word of time or order
// (3个月, 10个小时, 5次会议 is still a count so it is not listed).
var notUnitAfter = map[string][]string{
	"个": {"月", "小时", "工作日", "星期", "季度", "年头"},
	"期": {"间"},
	"名": {"列", "次"},
	"位": {"于", "置", "居", "列", "次", "数"},
	"次": {"日"},
	"件": {"事"},
	"处": {"理"},
	"条": {"件"},
	"本": {"领", "质"},
	"家": {"庭", "乡", "园", "门", "风"},
	"间": {"隔"},
	"门": {"户", "口", "槛", "类"},
	"起": {"来", "步", "点", "草", "始", "码"},
	"对": {"于", "接", "照", "标", "象", "待", "比", "口", "策", "话", "外", "内", "应", "称", "1", "一"},
}

// nameHeads after a Chinese numeral and its unit make the count part of the
// name of a document or a set of rules (二十条措施, 十条标准).
var nameHeads = wordList("措施", "举措", "条例", "规定", "标准", "意见", "要求", "方面", "原则", "禁令", "机制", "行动", "工程", "办法", "做法")

// maxRateGap is how far before a number 人均 makes it an average (人均增收800元).
const maxRateGap = 8

// boundsBefore mark a number as a target or a limit, not a result.
var boundsBefore = wordList("至少", "最少", "最多", "不少于", "不低于", "不超过", "不多于", "不高于", "超不过",
	"低于", "不足", "不到", "少于")

// thresholdBefore before a number that then qualifies a noun with 的 make it
// the definition of a group, not a count (收入超过10万元的村).
var thresholdBefore = wordList("超过", "高于", "多于", "大于", "达到", "达")

// boundsAfter after a number and its unit make it a bound (10万元以下的村,
// 整顿转化率达到95%以上): results are written with 多 or 余 instead.
var boundsAfter = wordList("以上", "以下", "以内", "左右的")

// reducedTo before a number bounded by 以下 or 以内 make the bound a result reached
// (减少到120个以下): an approximate count, not a limit.
var reducedTo = wordList("减少到", "减少至", "减到", "减至", "降到", "降至", "下降到", "下降至", "降低到", "降低至",
	"压减到", "压减至", "压缩到", "压缩至")

var upperBounds = wordList("以下", "以内")

// weightWords before a number in its clause make it the weight of a score in a rule
// (满意度测评结果占考核权重的30%), not a result.
var weightWords = []string{"权重", "分值"}

// shortfalls after an existential count in its clause make it a problem found, not a
// result (全县有23个村集体经济收入不足5万元).
var shortfalls = []string{"不足", "低于", "不到", "未", "没有", "不强", "薄弱", "滞后", "空白"}

// targetWords before a number in its sentence make it a target, not a result
// (力争到年底覆盖率达到100%).
var targetWords = wordList("力争", "争取", "预计", "计划到", "计划在", "目标是", "目标为", "确保到", "确保在")

// listedBefore before a number say that it counts the names just listed
// (“…”等4个专项行动, 包括“…”在内的4个).
var listedBefore = wordList("”等", "》等", "”在内的", "》在内的", "”这", "”共")

// approxBefore marks an approximate number (约300人); 多 and 余 after it are read with the unit.
var approxBefore = wordList("约", "近", "超过", "逾", "达到近", "大约", "将近")

// roughly reports whether a word of approximation stands before the number
// at p (约300人, 近万名, 上千人次).
func roughly(rs []rune, p int) bool {
	if _, ok := suffixAt(rs, p, approxBefore); ok {
		return true
	}
	return p > 0 && rs[p-1] == '上' && isChineseNumeral(rs[p]) // 线上3000人 is not approximate
}

// number is a number read from the text.
type number struct {
	value    float64
	start    int
	end      int // after the number and its multiplier, before 多/余 and the unit
	approx   bool
	chinese  bool
	hasDigit bool // Chinese numerals: a digit word (一…九) precedes 十/百/千/万
	percent  bool // 百分之九十九点九: the number carries its unit, %
}

// figureUnit brings a unit to the form rows carry: 万元 and 亿元 scale the value into 元,
// 余人 is 人 and approximate, the full-width ％ is %.
func figureUnit(v float64, unit string) (float64, string, bool) {
	switch unit {
	case "亿元":
		return v * 1e8, "元", false
	case "万元":
		return v * 1e4, "元", false
	case "余人":
		return v, "人", true
	case "％":
		return v, "%", false
	}
	return v, unit, false
}

// ParseFigure reads the text of a metric's figure on its own (1.2万余人, 三千零五个, 百分之
// 九十九点九, 7亿元; simplified or traditional) as the value and unit its row carries, so
// that every exported value can be checked against the words it came from.
func ParseFigure(s string) (value float64, unit string, ok bool) {
	rs := []rune(hanzi.Fold(strings.TrimSpace(s)))
	n, ok := readNumber(rs, 0, len(rs))
	if !ok {
		return 0, "", false
	}
	if n.percent {
		return n.value, "%", n.end == len(rs)
	}
	end, unit, _, ok := readUnit(rs, n.end, len(rs))
	if !ok || end != len(rs) {
		return 0, "", false
	}
	value, unit, _ = figureUnit(n.value, unit)
	return value, unit, true
}

// metrics returns the metrics of sentence si.
func (d *doc) metrics(si int) []Metric {
	s := &d.sents[si]
	rs := d.rs
	target := -1 // computed at the first candidate: most sentences have none
	var out []Metric
	for p := s.start; p < s.end; {
		if r := rs[p]; !isDigit(r) && !isChineseNumeral(r) {
			p++ // most characters start no number
			continue
		}
		n, ok := readNumber(rs, p, s.end)
		if !ok {
			p++
			continue
		}
		p = max(n.end, p+1)
		if s.inQuote(n.start) {
			continue
		}
		unitEnd, unit, approx, ok := n.end, "%", false, n.percent
		if !n.percent {
			unitEnd, unit, approx, ok = readUnit(rs, n.end, s.end)
		}
		if !ok {
			continue
		}
		p = unitEnd
		if target < 0 {
			if d.planned(s) {
				return nil // numbers of a plan are targets, not results
			}
			target = d.firstTarget(s)
		}
		if n.start > target || !d.countsResult(s, n, unitEnd) {
			continue
		}
		var approxUnit bool
		n.value, unit, approxUnit = figureUnit(n.value, unit)
		approx = approx || approxUnit
		if math.IsInf(n.value, 0) || math.IsNaN(n.value) {
			continue
		}
		if roughly(rs, n.start) {
			approx = true
		}
		if _, ok := prefixAt(rs, unitEnd, upperBounds); ok {
			approx = true // 减少到120个以下: at most 120
		}
		what := d.what(s, n.start, unitEnd)
		for _, a := range s.actorsAt(n.start) {
			out = append(out, Metric{Actor: a, Value: n.value, Unit: unit, What: what,
				Approx: n.approx || approx, Sentence: si, Start: n.start, End: unitEnd})
		}
	}
	return out
}

// countsResult applies the rules that tell a count of results from other
// numbers: not an ordinal (第十), not a range (1—2个), not a target (至少1名),
// not a rate (每村1名), not part of a model name (C919), not a count of the
// names just listed (“…”等4个), not a description of the subject (中国铁路7家
// 二级公司), and a Chinese numeral only from 10 up (一个, 三个清单 enumerate).
func (d *doc) countsResult(s *sentence, n number, unitEnd int) bool {
	rs := d.rs
	before := func(k int) rune {
		if n.start-k >= s.start {
			return rs[n.start-k]
		}
		return 0
	}
	b1 := before(1)
	switch {
	case b1 == '第' || b1 == '-' || b1 == '—' || b1 == '~' || b1 == '～' || b1 == '+' || b1 == '.':
		return false
	case (b1 == '至' || b1 == '到') && (isDigit(before(2)) || isChineseNumeral(before(2))):
		return false
	case b1 >= 'a' && b1 <= 'z' || b1 >= 'A' && b1 <= 'Z':
		return false
	case b1 == '年' && isDigit(before(2)):
		return false // an issue or a date: 2024年2期
	case n.chinese && n.value < 10:
		return false
	case n.chinese && !n.hasDigit && n.value != 10 && !(n.end < s.end && (rs[n.end] == '余' || rs[n.end] == '多')) && !roughly(rs, n.start):
		return false // 千家万户 is a phrase; 百余名, 千余人, 近万名 are counts
	}
	if n.end < s.end {
		if r := rs[n.end]; r == '-' || r == '—' || r == '~' || r == '～' || r == '+' || r == '至' || r == '到' {
			return false
		}
	}
	if _, ok := suffixAt(rs, n.start, boundsBefore); ok {
		return false
	}
	if _, ok := suffixAt(rs, n.start, listedBefore); ok {
		return false
	}
	if _, ok := prefixAt(rs, unitEnd, boundsAfter); ok {
		_, reduced := suffixAt(rs, n.start, reducedTo)
		if _, upper := prefixAt(rs, unitEnd, upperBounds); !reduced || !upper {
			return false
		}
	}
	clauseStart, clauseEnd := n.start, unitEnd
	for clauseStart > s.start && !isClauseBreak(rs[clauseStart-1]) {
		clauseStart--
	}
	for clauseEnd < s.end && !isClauseBreak(rs[clauseEnd]) {
		clauseEnd++
	}
	for _, w := range weightWords {
		if strings.Contains(string(rs[clauseStart:n.start]), w) {
			return false
		}
	}
	if b1 == '有' {
		for _, w := range shortfalls {
			if strings.Contains(string(rs[unitEnd:clauseEnd]), w) {
				return false
			}
		}
	}
	if _, ok := suffixAt(rs, n.start, thresholdBefore); ok && unitEnd < s.end && rs[unitEnd] == '的' {
		return false
	}

	// 每村1名, 每名党员联系群众10户: a rate, wherever 每 stands in the clause
	// before the number. 每年/每月 are frequencies and leave the count alone.
	for k := 1; n.start-k >= clauseStart; k++ {
		b := before(k)
		switch {
		case b == '每' && k > 1 && !strings.ContainsRune("年月周天日季次届", before(k-1)):
			return false
		case b == '均' && k <= maxRateGap && strings.ContainsRune("人户村平", before(k+1)):
			return false // 人均补助2000元: an average
		}
	}
	for _, m := range s.matches {
		if m.End == n.start && m.Kind == gazetteer.KindCentral {
			return false // 中国铁路7家二级公司 describes the body
		}
	}
	if n.chinese {
		if _, ok := prefixAt(rs, unitEnd, nameHeads); ok {
			return false
		}
	}
	return true
}

// futureStarts open sentences about what is to be done.
var futureStarts = wordList("下一步", "今后", "明年", "未来", "接下来")

// futureVerbs after 将 make it the future tense (县委将紧扣…), not the
// object marker it also is (将考核结果与…挂钩).
var futureVerbs = wordList("继续", "深入", "进一步", "持续", "加快", "全面", "紧扣", "围绕", "聚焦", "着力",
	"重点", "大力", "坚持", "在", "于", "把", "以", "推动", "开展", "实施", "推进", "组织", "建立", "启动")

// maxFutureSubject is how far after the opening 将 may stand: past a short subject (县委将).
const maxFutureSubject = 8

// planned reports whether s states a plan: it opens with 下一步, 今后 … or its
// subject is followed by 将 and a verb.
func (d *doc) planned(s *sentence) bool {
	rs := d.rs
	p := d.skipLead(s.start, s.end)
	if _, ok := prefixAt(rs, p, futureStarts); ok {
		return true
	}
	for q := p; q < s.end && q-p <= maxFutureSubject; q++ {
		if isClauseBreak(rs[q]) {
			return false
		}
		if rs[q] == '将' {
			_, ok := prefixAt(rs, q+1, futureVerbs)
			return ok
		}
	}
	return false
}

// firstTarget returns the offset of the first word of aiming in s, or s.end:
// numbers after it are targets.
func (d *doc) firstTarget(s *sentence) int {
	for p := s.start; p < s.end; p++ {
		if _, ok := targetWords.at(d.rs, p); ok {
			return p
		}
	}
	return s.end
}

// readNumber reads an Arabic or Chinese number at p with an optional
// multiplier (万, 亿), e.g. 1.6万, 1107, 三百, 12万.
func readNumber(rs []rune, p, end int) (number, bool) {
	n := number{start: p}
	if p < end && isDigit(rs[p]) {
		if p > 0 && (isDigit(rs[p-1]) || rs[p-1] >= 'a' && rs[p-1] <= 'z' || rs[p-1] >= 'A' && rs[p-1] <= 'Z') {
			return n, false
		}
		q := p
		for q < end && (isDigit(rs[q]) || rs[q] == '.' && q+1 < end && isDigit(rs[q+1]) ||
			rs[q] == ',' && q+3 < end && isDigit(rs[q+1]) && isDigit(rs[q+2]) && isDigit(rs[q+3]) && (q+4 >= end || !isDigit(rs[q+4]))) {
			q++
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(string(rs[p:q]), ",", ""), 64)
		if err != nil {
			return n, false
		}
		if q < end && (rs[q] >= 'a' && rs[q] <= 'z' || rs[q] >= 'A' && rs[q] <= 'Z') {
			return n, false // a model or code: 5g, 10kv
		}
		n.value = v
		q = readMultiplier(rs, q, end, &n)
		n.end = q
		return n, true
	}
	if hasPrefixAt(rs, p, "百分之") && p+3 < end && isChineseNumeral(rs[p+3]) {
		// 百分之九十九点九: a rate written out, never an enumeration like 三个清单.
		c, ok := readChinese(rs, p+3, end)
		if !ok {
			return n, false
		}
		n.value, n.end, n.percent = c.value, c.end, true
		return n, true
	}
	if p < end && isChineseNumeral(rs[p]) && rs[p] != '亿' {
		c, ok := readChinese(rs, p, end)
		if !ok {
			return n, false
		}
		c.start = p
		return c, true
	}
	return n, false
}

// readChinese reads a Chinese numeral at p, with decimals after 点 (三点五万, 九十九点九)
// and the 万 or 亿 that follow them.
func readChinese(rs []rune, p, end int) (number, bool) {
	q := p
	for q < end && isChineseNumeral(rs[q]) {
		q++
	}
	v, hasDigit, ok := parseChinese(rs[p:q])
	if !ok {
		return number{}, false
	}
	if q+1 < end && rs[q] == '点' && chineseDigit(rs[q+1]) && v == math.Trunc(v) {
		// Read as the decimal it spells, so 九十九点九 is exactly 99.9.
		digits := []byte(strconv.FormatFloat(v, 'f', 0, 64) + ".")
		for q++; q < end && chineseDigit(rs[q]); q++ {
			digits = append(digits, byte('0'+chineseDigits[rs[q]]))
		}
		v, _ = strconv.ParseFloat(string(digits), 64)
		for ; q < end && (rs[q] == '万' || rs[q] == '亿'); q++ {
			v *= map[rune]float64{'万': 1e4, '亿': 1e8}[rs[q]]
		}
	}
	return number{start: p, value: v, chinese: true, hasDigit: hasDigit, end: q}, true
}

// chineseDigit reports a digit word, 零 included (点零五).
func chineseDigit(r rune) bool {
	_, ok := chineseDigits[r]
	return ok || r == '零' || r == '〇'
}

func isChineseNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// readMultiplier applies 万/亿/千 after Arabic digits, also after 多/余
// (30余万人); 多/余 after the multiplier (12万余件) are left to readUnit.
func readMultiplier(rs []rune, q, end int, n *number) int {
	if q+1 < end && (rs[q] == '多' || rs[q] == '余') && (rs[q+1] == '万' || rs[q+1] == '亿' || rs[q+1] == '千') {
		n.approx = true // 30余万人, 3000多万元
		q++
	}
	for q < end {
		switch rs[q] {
		case '万':
			n.value *= 1e4
		case '亿':
			n.value *= 1e8
		case '千':
			n.value *= 1e3
		default:
			return q
		}
		q++
	}
	return q
}

// readUnit reads 多/余/几 and a measure word at p.
func readUnit(rs []rune, p, end int) (int, string, bool, bool) {
	approx := false
	if p < end && (rs[p] == '多' || rs[p] == '余') {
		approx = true
		p++
	}
	uw, ok := units.at(rs, p)
	if ok {
		u := string(uw)
		q := p + len(uw)
		if q > end {
			return 0, "", false, false
		}
		for _, w := range notUnitAfter[u] {
			if hasPrefixAt(rs, q, w) {
				return 0, "", false, false
			}
		}
		return q, u, approx, true
	}
	return 0, "", false, false
}

// parseChinese reads a Chinese numeral such as 三百, 十二, 一千二百, 三万,
// 一亿二千万. 万 multiplies what follows the last 亿, 亿 all before it; a
// bare 千 or 万 (近万) is one of them.
func parseChinese(rs []rune) (float64, bool, bool) {
	var total, section, digit float64
	hasDigit, any := false, false
	for _, r := range rs {
		switch r {
		case '零', '〇':
			digit = 0
			any = true
		case '一', '二', '两', '三', '四', '五', '六', '七', '八', '九':
			digit, hasDigit, any = chineseDigits[r], true, true
		case '十', '百', '千':
			if digit == 0 {
				digit = 1
			}
			section += digit * chineseUnits[r]
			digit = 0
			any = true
		case '万':
			part := section + digit
			if part == 0 {
				part = 1
			}
			total += part * 1e4
			section, digit = 0, 0
			any = true
		case '亿':
			part := total + section + digit
			if part == 0 {
				part = 1
			}
			total = part * 1e8
			section, digit = 0, 0
			any = true
		default:
			return 0, false, false
		}
	}
	return total + section + digit, hasDigit, any
}

var chineseDigits = map[rune]float64{'一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

var chineseUnits = map[rune]float64{'十': 10, '百': 100, '千': 1000}

// whatLeads open the words before a number without saying what it counts
// (累计培训…, 全年开展…, 已办结…).
var whatLeads = wordList("推动", "带动", "督促", "指导", "引导", "各级", "共计", "累计", "合计", "共有", "已有", "全年", "先后", "全部", "目前", "共", "已", "还", "又", "均", "再")

// whatTails close the words before a number without saying what it counts
// (培训率达到100%, 参与率提升到92%, 选派…共计1.5万名).
var whatTails = wordList("达到近", "达到", "提升到", "提升至", "提高到", "提高至", "增加到", "增加至", "增至", "突破",
	"超过", "共计", "累计", "合计", "总数", "总计", "达", "为", "有", "共", "约", "近", "逾", "了", "各")

// whatPlaces close words before a number that say where, not what (街道在辖区22个社区…).
var whatPlaces = wordList("在辖区", "在全市", "在全县", "在全省", "在全区", "辖区", "在", "对", "向", "给", "为", "从", "到", "和", "与", "及", "、")

// maxWhat is how far after its unit a count's description may reach.
const maxWhat = 30

// maxBefore is how long the words before a number may be before only their
// last phrase is kept.
const maxBefore = 12

// beforeJoints end the phrases of a long run before a number.
var beforeJoints = wordList("、", "的", "给", "把", "将", "对", "了", "“")

// afterStops end the words after a count: an adverb starts the predicate
// (县市区党委书记逐一接受评议), a modifier turns into its noun (下沉社区的党员干部),
// or a comparison follows.
var afterStops = wordList("逐一", "全部", "分别", "全面", "同比", "较上年", "比上年", "均", "都", "并", "的")

// maxVerb is how long the words before a number may be and still be only
// the verb whose object the number counts (组织20个中央单位…).
const maxVerb = 2

// what returns the few words that say what a number counts, in the text's
// own characters. They are those before it in its clause without the
// subject, lead words (推动各级…) and verbs of amount (累计收集意见建议3800余条
// → 收集意见建议, 培训率达到100% → 培训率); but when those are only a verb or a
// place and words follow the unit, the words after it to the clause's end
// (组织8.5万名企业党员走进红色教育基地 → 企业党员走进红色教育基地), or to the
// next count of a list (12个市级两新工委和8个… → 市级两新工委).
func (d *doc) what(s *sentence, start, end int) string {
	rs := d.rs
	b := start
	for b > s.start && b > s.proper && !isClauseBreak(rs[b-1]) && !isEnder(rs[b-1]) {
		b-- // a dateline (…日电(记者…)) is not part of the clause
	}
	// An earlier count in the clause ends what comes before this one
	// (16个县委书记、208个乡镇党委书记…).
	for p := start - 1; p >= b; p-- {
		if isDigit(rs[p]) {
			q := p + 1
			for q < start && strings.ContainsRune("万亿千多余", rs[q]) {
				q++ // 12万余件
			}
			if ue, _, _, ok := readUnit(rs, q, start); ok {
				q = ue
			}
			b = q
			break
		}
	}
	for _, m := range s.matches {
		if m.End > b && m.End <= start && m.Start >= b {
			b = m.End // the subject's name is not what is counted
		}
	}
	e := start
	for changed := true; changed && b < e; {
		changed = false
		for b < e && isSpace(rs[b]) {
			b, changed = b+1, true
		}
		if p := d.skipLead(b, e); p > b {
			b, changed = p, true
		}
		for _, ws := range []words{whatLeads, selfReferences, whatPlaces} {
			if n, ok := prefixAt(rs, b, ws); ok && b+n <= e {
				b, changed = b+n, true
			}
		}
		if n, ok := suffixAt(rs, e, whatTails); ok && e-n >= b {
			e, changed = e-n, true
		}
	}
	_, placeOnly := suffixAt(rs, e, whatPlaces)
	_, verbOnly := suffixAt(rs, e, doingVerbs)
	listed := e > b && rs[e-1] == '等' // …等11个共性问题: the list names examples, the noun after says what
	if e-b > maxBefore {
		// A long run before the number is a whole predicate: keep its last
		// phrase (…拿出厚厚一摞“街道服务清单”, …等次的党委书记).
		for k := e - 2; k > b; k-- {
			if _, ok := prefixAt(rs, k, beforeJoints); ok {
				b = k + 1
				break
			}
		}
	}
	before := strings.TrimSpace(string(d.orig[b:e]))
	ae := end
	for ae < s.end && !isClauseBreak(rs[ae]) && !isEnder(rs[ae]) && ae-end < maxWhat {
		if r := rs[ae]; (r == '和' || r == '、' || r == '及' || r == '与') && ae+1 < s.end && (isDigit(rs[ae+1]) || isChineseNumeral(rs[ae+1])) {
			break // the next count of a list begins
		}
		if _, ok := prefixAt(rs, ae, afterStops); ok {
			break
		}
		ae++
	}
	if ae-end == maxWhat {
		// Cut at the last joint a reader sees, not within a word.
		for k := ae - 1; k > end; k-- {
			if r := rs[k]; r == '、' || r == '和' || r == '的' || r == '及' {
				ae = k
				break
			}
		}
	}
	after := strings.TrimSpace(string(d.orig[end:ae]))
	if after != "" && (before == "" || placeOnly || verbOnly || listed || e-b <= maxVerb) {
		return trimMarks(after)
	}
	return trimMarks(before)
}

// trimMarks removes the quotation marks that a cut left without their
// partner at either end of a description (街道服务清单” → 街道服务清单).
func trimMarks(w string) string {
	for {
		r, n := utf8.DecodeLastRuneInString(w)
		if n == 0 || !strings.ContainsRune("”’」』》)）", r) || strings.ContainsRune(w, openerOf(r)) {
			break
		}
		w = w[:len(w)-n]
	}
	for {
		r, n := utf8.DecodeRuneInString(w)
		if n == 0 || closerOf(r) == 0 && r != '(' && r != '（' {
			break
		}
		c := closerOf(r)
		if r == '(' {
			c = ')'
		} else if r == '（' {
			c = '）'
		}
		if strings.ContainsRune(w, c) {
			break
		}
		w = w[n:]
	}
	return w
}

// openerOf returns the mark that opens the closing mark r.
func openerOf(r rune) rune {
	switch r {
	case '”':
		return '“'
	case '’':
		return '‘'
	case '」':
		return '「'
	case '』':
		return '『'
	case '》':
		return '《'
	case ')':
		return '('
	case '）':
		return '（'
	}
	return 0
}
