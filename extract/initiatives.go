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
var speechVerbs = []string{"说", "表示", "指出", "强调", "认为", "感慨", "介绍", "坦言", "称", "道", "写道", "提出"}

// labelNouns right after a mark (or after a list of marked phrases closed by
// 等) say that the marks name a problem or a rating, not something the actor
// carries out: “形严实软”现象, “卡脖子”问题, “一般”和“差”等次.
var labelNouns = []string{"问题", "现象", "难题", "顽症", "短板", "等次", "等级", "档次", "倾向"}

// timeFollowers after a mark make it a time reference (“大考”后).
var timeFollowers = []string{"后", "前", "以来", "期间", "之际", "之后", "之前"}

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
	return true
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

// suffixAt reports which of ws ends right before rune offset pos.
func suffixAt(rs []rune, pos int, ws []string) (string, bool) {
	for _, w := range ws {
		n := utf8.RuneCountInString(w)
		if pos-n >= 0 && hasPrefixAt(rs, pos-n, w) {
			return w, true
		}
	}
	return "", false
}

// potentialComplement reports three-character verb phrases of the form X不Y
// (落不细, 跟不上, 坐不住): they describe a failing, not a programme.
func potentialComplement(s string) bool {
	rs := []rune(s)
	return len(rs) == 3 && rs[1] == '不'
}
