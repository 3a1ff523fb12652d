package dedup

import (
	"testing"
	"unicode"

	"github.com/dangjian/dangjian/hanzi"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023年是第十年。10年来", "2023年是第10年10年来"},
		{"第10年", "第10年"},
		{"二十三个", "23个"},
		{"访谈约谈领导干部一千一百零七人", "访谈约谈领导干部1107人"},
		{"1,107人", "1107人"},
		{"二〇二三年", "2023年"},
		{"二○二三年", "2023年"},
		{"三万五千人", "3万5000人"},
		{"一百二十万", "120万"},
		{"十三万", "13万"},
		{"“千万工程”", "千万工程"},
		{"百县千镇万村", "百县千镇万村"},
		{"一心一意", "1心1意"},
		{"零距离", "零距离"},
		{"十一五规划", "115规划"},
		{"两个维护", "2个维护"},
		{"一千零七", "1007"},
		{"一百零", "100"},
		{"一万零一", "1万1"},
		{"二〇二三万", "2023万"},
		{"黨建　ＡＢＣ，２０２４", "党建abc2024"},
		{"办结率99.9%", "办结率999"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"第十年", "一千一百零七人", "二〇二三年", "黨建　ＡＢＣ", "十一五", "一万零一", "零，千"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		for _, r := range got {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Fatalf("Normalize(%q) = %q keeps %q", s, got, r)
			}
		}
		if folded := Normalize(hanzi.Fold(s)); folded != got {
			t.Fatalf("Normalize(%q) = %q but %q after folding first", s, got, folded)
		}
	})
}

// TestShingleRollerMatchesWindow checks the rolling update against hashing each window
// from scratch.
func TestShingleRollerMatchesWindow(t *testing.T) {
	text := []rune("基层党建工作述职评议考核2023年第10年全面从严治党向基层延伸")
	var roll shingleRoller
	for i, r := range text {
		var drop rune
		if i >= shingleLen {
			drop = text[i-shingleLen]
		}
		roll.push(r, drop)
		if i < shingleLen-1 {
			continue
		}
		var fresh shingleRoller
		for _, w := range text[i-shingleLen+1 : i+1] {
			fresh.push(w, 0)
		}
		if got, want := roll.hash(), fresh.hash(); got != want {
			t.Errorf("window ending at %d: rolling hash %x, want %x", i, got, want)
		}
	}
}
