package clean

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// essay is a text of our own wording, one paragraph a line.
var essay = []string{
	"一、问题的提出",
	"读书会在我们这座小城已经办了十多年，起初只是几位退休教师在茶馆里轮流讲自己读过的书，后来年轻人也陆续加入进来，每月一次，风雨无阻，从来没有间断过。大家读的书很杂，有历史，有小说，也有讲农业技术和地方掌故的小册子。",
	"为什么一群素不相识的人能够坚持这么久？我问过好几位老会员，他们的回答各不相同。有人说是图个热闹，有人说是为了给孩子做个榜样，还有人说，一个人读书容易半途而废，大家一起读就不好意思偷懒了。",
	"二、几点观察",
	"第一，读书会没有会长，也没有章程，每次由上一次的主讲人指定下一次的主讲人，这个看似随意的办法反而让每个人都觉得自己有一份责任。第二，讨论从不追求结论，谁也不必说服谁，争得面红耳赤之后照样一起去吃面条。第三，书目完全由主讲人决定，别人不加干涉，于是冷门的书也有机会被人读到。",
	"这些做法说不上有什么高明之处，却暗合了一个朴素的道理：人们愿意长久地做一件事情，往往不是因为有人要求，而是因为在这件事情里找到了自己的位置。",
}

// hardWrap breaks each paragraph into lines of at most cols columns, the way old text
// editors did, indenting the first line of a paragraph by two full-width spaces.
func hardWrap(paras []string, cols int) string {
	var b strings.Builder
	for _, p := range paras {
		line := "　　"
		w := columns(line)
		for _, r := range p {
			rw := columns(string(r))
			if w+rw > cols {
				b.WriteString(line + "\n")
				line, w = "", 0
			}
			line += string(r)
			w += rw
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestUnwrap(t *testing.T) {
	wrapped := hardWrap(essay, 72)
	r := Analyze(wrapped)
	if r.Wrap != 72 {
		t.Errorf("wrap width %d, want 72", r.Wrap)
	}
	if want := strings.Join(essay, "\n"); strings.ReplaceAll(r.Kept, "　", "") != want {
		t.Errorf("kept text:\n%s\nwant the paragraphs:\n%s", r.Kept, want)
	}
	if len(r.Removed) != 0 || len(r.Joins) != 0 {
		t.Errorf("removed %q, joins %q: want none", r.Removed, r.Joins)
	}
}

func TestWrapWidth(t *testing.T) {
	verse := strings.Repeat("春风又绿江南岸，明月何时照我还。\n", 12)
	table := strings.Repeat("项目名称：城区道路改造工程，总投资三千万元，工期十二个月。\n", 12)
	tests := []struct {
		name string
		text string
		want int
	}{
		{"hard-wrapped at 72", hardWrap(essay, 72), 72},
		{"hard-wrapped at 60", hardWrap(essay, 60), 60},
		{"a paragraph a line", strings.Join(essay, "\n"), 0},
		{"verse", verse, 0},
		{"equal lines that end sentences", table, 0},
		{"too few lines", hardWrap(essay[:2], 72), 0},
	}
	for _, tt := range tests {
		if _, got := unwrap(scanLines(tt.text)); got != tt.want {
			t.Errorf("%s: wrap width %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestColumns(t *testing.T) {
	for _, s := range []string{"", "abc", "党建", "a党b", "“犬儒”(Cynic)"} {
		want := 0
		for _, r := range s {
			want += 1 + min(1, utf8.RuneLen(r)-1)
		}
		if got := columns(s); got != want {
			t.Errorf("columns(%q) = %d, want %d", s, got, want)
		}
	}
}
