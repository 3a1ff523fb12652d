package clean

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzArticle(f *testing.F) {
	for _, s := range []string{pageReview, pageJump, pageSingle, pageTwoParty, hardWrap(essay, 72), "",
		"甲乙丙，\n\n丁戊。\n(上接第一版)己庚辛壬癸。\n# 标题\n区，子丑寅卯。",
		"据新华社北京6月6日电\r\n新华社记者(据新华社北京6月6日电)\n\n织织书记\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := Analyze(in)
		src := normalizeBreaks(in)
		// On a hard-wrapped page a kept line is a run of input lines joined: it is in the
		// input once line breaks (and the spaces around them) are taken out.
		// Bytes that are no UTF-8 stay as they are: a character split by a line break
		// is whole again in the joined line.
		fold := func(s string) string { return s }
		if r.Wrap > 0 {
			fold = func(s string) string {
				var b strings.Builder
				for i := 0; i < len(s); {
					r, n := utf8.DecodeRuneInString(s[i:])
					if r == utf8.RuneError || !unicode.IsSpace(r) {
						b.WriteString(s[i : i+n])
					}
					i += n
				}
				return b.String()
			}
		}
		joined := map[string]bool{}
		for _, j := range r.Joins {
			if !strings.Contains(fold(src), fold(j.Tail)) || !strings.Contains(fold(src), fold(j.Head)) {
				t.Fatalf("join pieces not in the input: %q", j)
			}
		}
		for i := range r.Joins {
			// a chain of joins makes one kept line of several input lines
			s := r.Joins[i].Tail
			for k := i; k < len(r.Joins) && (k == i || r.Joins[k].Tail == r.Joins[k-1].Head); k++ {
				s += r.Joins[k].Head
				joined[fold(s)] = true
			}
		}
		for _, l := range strings.Split(r.Kept, "\n") {
			l = strings.TrimSpace(l)
			if l != "" && !strings.Contains(fold(src), fold(l)) && !joined[fold(l)] {
				t.Fatalf("kept line not in the input: %q", l)
			}
		}
		for _, rm := range r.Removed {
			if !strings.Contains(src, rm.Text) {
				t.Fatalf("removed text not in the input: %q (%s)", rm.Text, rm.Reason)
			}
			if rm.Reason == "" {
				t.Fatalf("removed text without a reason: %q", rm.Text)
			}
		}
	})
}
