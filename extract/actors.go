package extract

import (
	"sort"

	"github.com/dangjian/dangjian/gazetteer"
)

// Attribution rules. A clause's subject is a list of names at its start
// (浙江…, 黑龙江、湖北等地…, 河北省委常委同志…), possibly after a connective
// (同时, 其中, 一是) or, for a locative opening (在…的巴南区, 位于…的观音桥街道),
// the name that closes the clause. Names elsewhere are objects or parts of
// other names and do not act. A sentence without a subject inherits the
// actors of the previous sentence in the same paragraph, unless it opens with
// a generic subject (各地, 许多地方, 全国…), which says that others act.

// leadWords may stand before a clause's subject without changing it.
var leadWords = wordList(
	"同时", "此外", "另外", "其中", "比如", "例如", "譬如", "如", "据悉", "据了解", "据介绍",
	"近日", "连日来", "目前", "同样", "而且", "而", "并且", "对此", "为此", "随后", "此前", "近年来", "今年以来",
	"今年", "去年", "近年", "当前", "近期", "日前", "年初", "年底", "年内", "据统计",
	"一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
)

// genericStarts open sentences whose subject is a category, not a named actor.
// 全省, 全市 … are not among them: they are the whole of the actor just named.
var genericStarts = wordList(
	"各", "全国", "许多", "不少", "有的", "一些", "部分", "多地",
	"多个", "广大", "我们", "我市", "我省", "我区", "我县", "本市", "本省", "普遍", "大家",
	"地方", "各地", "有关", "相关",
)

// nonActorFollowers after a name make it the modifier of another noun
// (延安精神, 上海经验): the name does not act.
var nonActorFollowers = wordList(
	"精神", "会议", "经验", "模式", "样板", "时期", "故事", "方案", "特色", "风格", "的",
)

// listTails close a subject list: 等地, 等省份 …
var listTails = wordList(
	"等省区市", "等省份", "等地区", "等地方", "等单位", "等部门", "等企业", "等高校", "等城市", "等地", "等省", "等市", "等",
)

func hasPrefixAt(rs []rune, pos int, p string) bool {
	for _, r := range p {
		if pos >= len(rs) || rs[pos] != r {
			return false
		}
		pos++
	}
	return true
}

// words is a list of words decoded once, for matching against rune slices.
// first and last are Bloom masks of the words' first and last runes: most
// text positions start or end no word, and one bit test says so.
type words struct {
	list        [][]rune
	first, last uint64
}

func runeBit(r rune) uint64 { return 1 << (uint(r) & 63) }

func wordList(ws ...string) words {
	out := words{list: make([][]rune, len(ws))}
	for i, w := range ws {
		rs := []rune(w)
		out.list[i] = rs
		out.first |= runeBit(rs[0])
		out.last |= runeBit(rs[len(rs)-1])
	}
	return out
}

// at returns the first word of ws that starts at rs[pos].
func (ws words) at(rs []rune, pos int) ([]rune, bool) {
	if pos >= len(rs) || pos < 0 || ws.first&runeBit(rs[pos]) == 0 {
		return nil, false
	}
next:
	for _, w := range ws.list {
		if w[0] != rs[pos] || pos+len(w) > len(rs) {
			continue
		}
		for i := 1; i < len(w); i++ {
			if rs[pos+i] != w[i] {
				continue next
			}
		}
		return w, true
	}
	return nil, false
}

// before returns the first word of ws that ends right before rs[pos].
func (ws words) before(rs []rune, pos int) ([]rune, bool) {
	if pos <= 0 || pos > len(rs) || ws.last&runeBit(rs[pos-1]) == 0 {
		return nil, false
	}
	last := rs[pos-1]
next:
	for _, w := range ws.list {
		if w[len(w)-1] != last || pos-len(w) < 0 {
			continue
		}
		for i, r := range w {
			if rs[pos-len(w)+i] != r {
				continue next
			}
		}
		return w, true
	}
	return nil, false
}

func prefixAt(rs []rune, pos int, ws words) (int, bool) {
	w, ok := ws.at(rs, pos)
	return len(w), ok
}

func isClauseBreak(r rune) bool {
	switch r {
	case ',', '，', ':', '：', '—':
		return true
	}
	return false
}

// attributeActors finds each sentence's subject groups and the actors
// inherited by sentences without one.
func (d *doc) attributeActors() {
	d.provCount = map[string]int{}
	for _, m := range d.matches {
		if m.Province != "" && m.Kind != gazetteer.KindCentral {
			d.provCount[m.Province]++
		}
	}
	mi := 0
	for si := range d.sents {
		s := &d.sents[si]
		for mi < len(d.matches) && d.matches[mi].Start < s.start {
			mi++
		}
		mj := mi
		for mj < len(d.matches) && d.matches[mj].Start < s.end {
			mj++
		}
		s.matches = d.matches[mi:mj]
		d.findGroups(s, s.matches)
	}
	d.subject, d.subjectWhy = d.docSubject()
	main := d.subject
	if len(main) == 1 && main[0].Kind != string(gazetteer.KindCentral) {
		for si := range d.sents {
			d.unknownPlace(&d.sents[si], main[0].Province)
		}
	}
	// prev is the subject of the last clause that had one; prevAll is every
	// subject of that sentence, for a sentence that refers to all of them.
	var prev, prevAll []Actor
	prevPara := -1
	for si := range d.sents {
		s := &d.sents[si]
		if s.para != prevPara {
			prev, prevAll = nil, nil
		}
		prevPara = s.para
		if len(s.groups) > 0 {
			prev, prevAll = s.groups[len(s.groups)-1].actors, s.actors()
			continue
		}
		if d.unknownSubject(s) {
			prev, prevAll = nil, nil // an organisation we cannot name acts; its work is no one's we know
			continue
		}
		generic := d.genericStart(s)
		switch {
		case len(prev) > 0 && !generic && d.refersToAll(s):
			s.inherited = prevAll
		case len(prev) > 0 && !generic:
			s.inherited = prev
		case main != nil:
			s.inherited = main
		}
		prev, prevAll = s.inherited, s.inherited
	}
}

// allReferences open a sentence about every actor of the previous one:
// 云南聚焦…,安徽突出…。两省均建立….
var allReferences = wordList("两省", "两地", "两市", "三省", "三地", "三市", "上述", "以上", "这些", "这两", "这三", "两者", "二者")

// maxAllGap is how far into a sentence 均 (both, all) may stand after its short subject.
const maxAllGap = 6

// refersToAll reports whether s is about all the actors of the sentence before.
func (d *doc) refersToAll(s *sentence) bool {
	p := d.skipLead(s.start, s.end)
	if _, ok := prefixAt(d.rs, p, allReferences); ok {
		return true
	}
	for q := p; q < s.end && q-p <= maxAllGap; q++ {
		if d.rs[q] == '均' {
			return true
		}
	}
	return false
}

// genericStart reports whether s opens, after any lead words or a year, with
// a generic subject.
func (d *doc) genericStart(s *sentence) bool {
	p := d.skipLead(s.start, s.end)
	_, ok := prefixAt(d.rs, p, genericStarts)
	return ok
}

// entitySuffixes end the names of organisations that are bodies of their own
// (美团公司党委, 航天五院党委) rather than organs of the actor a text is about.
var entitySuffixes = wordList("公司", "集团", "协会", "学会", "联合会", "大学", "学院", "医院", "银行",
	"研究院", "研究所", "院")

// levelStarts open the names of a province's or a place's own organs and
// units (省委组织部, 市人民医院, 全县): they are the actor the text is about.
var levelStarts = wordList("省", "市", "县", "区", "州", "盟", "旗", "乡", "镇", "村", "街道", "社区",
	"自治区", "兵团", "全", "各", "本", "该", "我", "其", "此", "这", "党",
	"集团公司", "集团党组", "集团党委", "公司党组", "公司党委", "总公司")

// maxSubjectName is how long an unknown organisation's name may be.
const maxSubjectName = 14

// unknownSubject reports whether s opens with the name of an organisation
// the gazetteer does not know (美团公司党委开展…): such a sentence has a
// subject of its own and must not inherit the previous sentence's actor.
func (d *doc) unknownSubject(s *sentence) bool {
	rs := d.rs
	p := d.skipLead(s.start, s.end)
	if _, ok := prefixAt(rs, p, levelStarts); ok {
		return false
	}
	if _, ok := prefixAt(rs, p, genericStarts); ok {
		return false
	}
	for _, m := range s.matches {
		if m.Start >= p && m.Start < p+maxSubjectName {
			return false
		}
	}
	for q := p + 2; q < s.end && q-p <= maxSubjectName && isHan(rs[q-1]); q++ {
		if !isEntityLast(rs[q-1]) {
			continue // most characters end no suffix: skip the word list
		}
		if _, ok := suffixAt(rs, q, entitySuffixes); ok {
			return true
		}
	}
	return false
}

// isEntityLast reports the last characters of entitySuffixes.
func isEntityLast(r rune) bool {
	switch r {
	case '司', '团', '会', '学', '院', '行', '所':
		return true
	}
	return false
}

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF
}

// skipLead returns the offset after the lead words, a leading year (2024年,)
// and commas at p.
func (d *doc) skipLead(p, end int) int {
	rs := d.rs
	for {
		q := p
		if n, ok := prefixAt(rs, q, leadWords); ok {
			q += n
		} else if q+4 < end && isDigit(rs[q]) && isDigit(rs[q+1]) && isDigit(rs[q+2]) && isDigit(rs[q+3]) && rs[q+4] == '年' {
			q += 5
			if n, ok := prefixAt(rs, q, yearTails); ok {
				q += n
			}
		}
		for q < end && (rs[q] == ',' || rs[q] == '，' || isSpace(rs[q])) {
			q++
		}
		if q == p {
			return p
		}
		p = q
	}
}

// yearTails may follow a leading year: 2024年以来, 2024年底.
var yearTails = wordList("以来", "来", "底", "初", "末", "内", "上半年", "下半年", "度")

// docSubject returns the one actor a local report is about and where it
// was found. The headline (株洲市委常委会听取…, 越秀区：以…), else the lead
// sentence's subject (近日，岳西县召开…), else the actor nearly every clause
// names, else the dateline's place (本报昭通讯, 新华网成都…电) proposes an
// actor. It is taken when the body bears it out (see corroborated) and its
// clause subjects do not mostly name others: a review of many provinces has
// no subject. A dateline never makes its place the actor of its own
// sentence (新华社北京…电 已有21个省区市…), and reporters' places are never
// actors: they say where a story was filed, not who acted.
func (d *doc) docSubject() ([]Actor, string) {
	for _, c := range []struct {
		actors []Actor
		why    string
	}{{d.titleActor(), "title"}, {d.leadActor(), "lead"}, {d.mainActor(), "subjects"}, {d.datelineActor(), "dateline"}} {
		if len(c.actors) == 1 && d.fitsBody(c.actors[0]) && d.corroborated(c.actors[0]) {
			return c.actors, c.why
		}
	}
	return nil, ""
}

// selfReferences open the clauses of a report about one actor that refer to
// it: 全市…, 县委…, 该县…, 街道…, 集团公司党组….
var selfReferences = wordList("全省", "全市", "全县", "全区", "全州", "全盟", "全旗", "全镇", "全乡", "全系统",
	"全行", "全校", "省委", "市委", "县委", "区委", "州委", "盟委", "旗委", "镇党委", "乡党委", "街道",
	"该省", "该市", "该县", "该区", "该州", "该镇", "我省", "我市", "我县", "我区", "集团公司", "集团党组",
	"公司党组", "总行")

// corroborated reports whether the text bears out a as its subject: a
// clause refers to the text's own actor (全市…, 该县…) or two clauses name a.
// One mention alone may open a review of many.
func (d *doc) corroborated(a Actor) bool {
	key, named := liftKey(a), 0
	for si := range d.sents {
		s := &d.sents[si]
		for _, g := range s.groups {
			for _, b := range g.actors {
				if liftKey(b) == key {
					named++
				}
			}
		}
		for p := s.start; p < s.end; p++ {
			if p > s.start && p != s.proper && !isClauseBreak(d.rs[p-1]) {
				continue
			}
			if _, ok := prefixAt(d.rs, d.skipLead(p, s.end), selfReferences); ok {
				return true
			}
		}
	}
	return named >= 2
}

// liftKey is the unit an actor belongs to when actors are compared across a
// text: its province, or a central body itself.
func liftKey(a Actor) string {
	if a.Kind == string(gazetteer.KindCentral) {
		return a.Name
	}
	return a.Province
}

// maxOtherShare is the share of clause subjects outside a proposed subject's
// province (or body) that a text about that subject may have.
const maxOtherShare = 0.25

// fitsBody reports whether the clause subjects of the text agree with a as
// the text's subject: all but a few lie within it.
func (d *doc) fitsBody(a Actor) bool {
	key := liftKey(a)
	total, others := 0, 0
	for _, s := range d.sents {
		for _, g := range s.groups {
			for _, b := range g.actors {
				total++
				if liftKey(b) != key {
					others++
				}
			}
		}
	}
	return others <= 1 || float64(others) <= maxOtherShare*float64(total)
}

// maxTitle is how long a headline may be.
const maxTitle = 48

// titleObjects before a name in a headline make it what the story's actor
// learns from or visits (学习浙江经验, 走进延安): not the story's actor.
var titleObjects = wordList("学习", "借鉴", "赴", "走进", "对话", "来到", "对标")

// titleActor returns the one actor the headline block names: the short
// lines without a sentence ending that open the text (the headline, a line
// such as （深圳市福田区）, a source line), each followed by the text.
// Reporters' places (福州报道, 本报讯) are left out.
func (d *doc) titleActor() []Actor {
	var found []Actor
	if d.headline != nil {
		for si := range d.headline.sents {
			found = d.headline.headerActors(&d.headline.sents[si], found)
		}
	}
	for si := 0; si+1 < len(d.sents); si++ {
		s := &d.sents[si]
		if s.end-s.start > maxTitle || d.sents[si+1].para == s.para || isEnder(d.rs[s.end-1]) {
			break
		}
		found = d.headerActors(s, found)
	}
	return found
}

// headerActors adds to found the actors a line of the headline block names.
func (d *doc) headerActors(s *sentence, found []Actor) []Actor {
	for i := 0; i < len(s.matches); i++ {
		m := s.matches[i]
		if s.inQuote(m.Start) {
			continue
		}
		if _, ok := suffixAt(d.rs, m.Start, titleObjects); ok {
			continue
		}
		i = lastNested(s.matches, i)
		m = s.matches[i]
		if _, ok := prefixAt(d.rs, m.End, nonActorFollowers); ok {
			continue
		}
		if _, ok := prefixAt(d.rs, m.End, reportedFrom); ok {
			continue
		}
		if a, ok := d.actor(m, s.matches); ok && !hasActor(found, a) {
			found = append(found, a)
		}
	}
	return found
}

// reportedFrom after a place in a byline make it where a reporter filed from.
var reportedFrom = wordList("报道", "讯", "电", "记者")

// lastNested returns the index of the last of the names that follow ms[i]
// without a gap (广州市越秀区, 朝阳区望京街道): each lies within the one
// before it, and the last is the one the text speaks of.
func lastNested(ms []gazetteer.Match, i int) int {
	for i+1 < len(ms) && ms[i+1].Start == ms[i].End && ms[i].Kind != gazetteer.KindCentral && ms[i+1].Kind == gazetteer.KindPlace {
		i++
	}
	return i
}

// leadActor returns the subject of the lead, the first sentence after the
// headline and the bylines: short lines without a sentence ending.
func (d *doc) leadActor() []Actor {
	for i := range d.sents {
		s := &d.sents[i]
		if s.end-s.start <= maxTitle && !isEnder(d.rs[s.end-1]) {
			continue // headline, byline, source line
		}
		if len(s.groups) == 0 {
			return nil
		}
		return s.groups[0].actors
	}
	return nil
}

// datelineActor returns the place of a dateline (本报昭通讯,
// 新华网成都5月4日电): where a story was filed, which is the actor of a
// local story when the body bears it out (see docSubject).
func (d *doc) datelineActor() []Actor {
	for i := range d.sents {
		if d.sents[i].line != nil {
			return d.sents[i].line
		}
		if i > 2 {
			break
		}
	}
	return nil
}

// mainActor returns the actor nearly all clause subjects name (a province
// or a central body), when the opening names it too.
func (d *doc) mainActor() []Actor {
	counts := map[Actor]int{}
	total := 0
	for _, s := range d.sents {
		for _, g := range s.groups {
			for _, a := range g.actors {
				if a.Kind != string(gazetteer.KindCentral) {
					a = Actor{Name: a.Province, Kind: string(gazetteer.KindProvince), Province: a.Province}
				}
				counts[a]++
				total++
			}
		}
	}
	for a, n := range counts {
		if n >= 2 && float64(n) >= mainActorShare*float64(total) && d.namedInOpening(a) {
			return []Actor{a}
		}
	}
	return nil
}

// namedInOpening reports whether the headline, byline or first lines name a
// (a province, or a place in it, or the central body itself).
func (d *doc) namedInOpening(a Actor) bool {
	for _, m := range d.matches {
		if m.Start >= openingRunes {
			break
		}
		if m.Kind == gazetteer.KindCentral && m.Name == a.Name || m.Kind != gazetteer.KindCentral && m.Province == a.Province {
			return true
		}
	}
	return false
}

// placeSuffixes end the names of villages, communities and streets, which
// no gazetteer lists in full.
var placeSuffixes = wordList("社区", "村", "街道", "嘎查")

// maxPlaceName is how long an unlisted village's or community's name may be.
const maxPlaceName = 10

// unknownPlace gives a sentence without a subject the village, community or
// street that opens it and then acts (南湖东园社区探索…, 北京街道创新…,
// 某某村党支部…): a place of the report's province that the gazetteer does
// not list.
func (d *doc) unknownPlace(s *sentence, province string) {
	if len(s.groups) > 0 {
		return
	}
	rs := d.rs
	p := d.skipLead(s.start, s.end)
	if _, ok := prefixAt(rs, p, levelStarts); ok {
		return
	}
	if _, ok := prefixAt(rs, p, genericStarts); ok {
		return
	}
	for q := p + 2; q < s.end && q-p <= maxPlaceName && isHan(rs[q-1]) && !s.inQuote(q-1); q++ {
		n, ok := suffixAt(rs, q, placeSuffixes)
		if !ok || q-n-p < 2 {
			continue
		}
		if _, verb := prefixAt(rs, q, doingVerbs); rs[q] != '党' && !verb {
			continue
		}
		s.groups = append(s.groups, group{pos: p, actors: []Actor{{Name: string(rs[p:q]), Kind: string(gazetteer.KindPlace), Province: province}}})
		return
	}
}

// mainActorShare is the share of clause subjects one actor must have to be
// the main actor of a text.
const mainActorShare = 0.8

// findGroups sets the subject groups of s from its matches ms.
func (d *doc) findGroups(s *sentence, ms []gazetteer.Match) {
	rs := d.rs
	at := func(pos int) (int, bool) {
		i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= pos })
		return i, i < len(ms) && ms[i].Start == pos && !s.inQuote(pos)
	}
	afterLine := d.dateline(s, ms)
	s.proper = afterLine
	depth := 0
	clauseStart := s.start
	if afterLine > 0 {
		clauseStart = afterLine
	}
	for p := clauseStart; p <= s.end; p++ {
		if p < s.end {
			switch rs[p] {
			case '“', '‘', '「', '『', '《', '(', '（':
				depth++
			case '”', '’', '」', '』', '》', ')', '）':
				if depth > 0 {
					depth--
				}
			}
		}
		if p < s.end && (depth > 0 || !isClauseBreak(rs[p])) {
			continue
		}
		if g, ok := d.clauseSubject(s, ms, at, clauseStart, p); ok {
			s.groups = append(s.groups, g)
		}
		clauseStart = p + 1
	}
}

// clauseSubject returns the subject group of the clause [cs, ce).
func (d *doc) clauseSubject(s *sentence, ms []gazetteer.Match, at func(int) (int, bool), cs, ce int) (group, bool) {
	rs := d.rs
	for cs < ce && (isSpace(rs[cs]) || rs[cs] == '—') {
		cs++
	}
	if cs >= ce {
		return group{}, false
	}
	// Locative opening: 在…的巴南区, / 位于…的观音桥街道,
	if hasPrefixAt(rs, cs, "在") || hasPrefixAt(rs, cs, "位于") {
		i := sort.Search(len(ms), func(i int) bool { return ms[i].End >= ce })
		if i < len(ms) && ms[i].End == ce && ms[i].Start > cs && !s.inQuote(ms[i].Start) {
			if a, ok := d.actor(ms[i], ms); ok {
				return group{pos: ms[i].Start, actors: []Actor{a}}, true
			}
		}
		return group{}, false
	}
	starts := []int{cs}
	if p := d.skipLead(cs, ce); p != cs {
		starts = append(starts, p)
	}
	for _, st := range starts {
		i, ok := at(st)
		if !ok {
			continue
		}
		var actors []Actor
		end := st
		for {
			i = lastNested(ms, i)
			m := ms[i]
			if a, ok := d.actor(m, ms); ok && !hasActor(actors, a) {
				actors = append(actors, a)
			}
			end = m.End
			next := end
			if next < ce && (rs[next] == '、' || rs[next] == '和' || rs[next] == '与' || rs[next] == '及') {
				next++
			} else if hasPrefixAt(rs, next, "以及") {
				next += 2
			} else {
				break
			}
			j, ok := at(next)
			if !ok {
				break
			}
			i = j
		}
		if n, ok := prefixAt(rs, end, listTails); ok {
			end += n
		} else if _, ok := prefixAt(rs, end, nonActorFollowers); ok {
			continue
		}
		if end >= ce || len(actors) == 0 {
			// A name that is the whole clause is a heading or an address, not a subject.
			continue
		}
		return group{pos: st, actors: actors}, true
	}
	return group{}, false
}

// dateline recognises a news dateline at the start of a sentence
// (新华社北京1月26日电(记者…), 本报昭通讯): it returns the offset where the
// sentence proper begins, or 0 if there is none. The place of a local
// paper's own dateline (本报…) is kept in s.local: the place it covers.
func (d *doc) dateline(s *sentence, ms []gazetteer.Match) int {
	rs := d.rs
	for _, m := range ms {
		if m.Start-s.start > 8 {
			break
		}
		p := m.End
		for p < s.end && p-m.End < 8 && (isDigit(rs[p]) || rs[p] == '月' || rs[p] == '日') {
			p++
		}
		if p >= s.end || !(rs[p] == '电' && p > m.End || rs[p] == '讯') {
			continue
		}
		a, ok := d.actor(m, ms)
		if !ok {
			continue
		}
		s.line = []Actor{a}
		p++
		if p < s.end && (rs[p] == '(' || rs[p] == '（') {
			for p < s.end && rs[p] != ')' && rs[p] != '）' {
				p++
			}
			p++
		}
		for p < s.end && isSpace(rs[p]) {
			p++
		}
		return min(p, s.end)
	}
	return 0
}

// streetFollowers after a province's name make it part of the name of a
// street or a road elsewhere (广州的北京街道, 南京的上海路).
var streetFollowers = wordList("街道", "大街", "大道", "社区", "路")

// notRoads after 路 make it a word of its own (路径, 路线), not a road.
var notRoads = wordList("径", "线", "子", "上", "数")

// dropStreetNames removes the province names that begin a street's or a road's name.
func dropStreetNames(rs []rune, ms []gazetteer.Match) []gazetteer.Match {
	out := ms[:0]
	for _, m := range ms {
		if m.Kind == gazetteer.KindProvince {
			if n, ok := prefixAt(rs, m.End, streetFollowers); ok {
				if _, word := prefixAt(rs, m.End+n, notRoads); n > 1 || !word {
					continue
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// actorName is the name a place is reported by: without the city it lies
// in (福州市鼓楼区 → 鼓楼区). Central bodies keep the name the text uses.
func actorName(m gazetteer.Match) string {
	if m.Kind != gazetteer.KindPlace {
		return m.Name
	}
	rs := []rune(m.Name)
	for k := 2; k < len(rs)-2; k++ {
		if rs[k] == '市' {
			return string(rs[k+1:])
		}
	}
	return m.Name
}

// actor turns a match into an actor, resolving an ambiguous place name by
// the provinces named in the same sentence (ms) and then in the whole text.
func (d *doc) actor(m gazetteer.Match, ms []gazetteer.Match) (Actor, bool) {
	prov := m.Province
	if prov == "" && m.Kind == gazetteer.KindPlace {
		prov = d.resolve(m.Candidates, ms)
		if prov == "" {
			return Actor{}, false
		}
	}
	return Actor{Name: actorName(m), Kind: string(m.Kind), Province: prov}, true
}

func (d *doc) resolve(cands []string, ms []gazetteer.Match) string {
	local := map[string]int{}
	for _, m := range ms {
		if m.Province != "" && m.Kind != gazetteer.KindCentral {
			local[m.Province]++
		}
	}
	for _, counts := range []map[string]int{local, d.provCount} {
		best, n := "", 0
		for _, c := range cands {
			if counts[c] > n {
				best, n = c, counts[c]
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
