package segment

import (
	"slices"
	"testing"
)

func TestQuotedTerms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"全省推广“四下基层”和“千万工程”经验。", []string{"四下基层", "千万工程"}},
		{"“四下基层”之后再提“四下基层”。", []string{"四下基层"}},
		{"开展『红色物业』与「党建联盟」试点", []string{"红色物业", "党建联盟"}},
		{"印发《党支部工作条例》", []string{"党支部工作条例"}},
		{"推行‘一村一品’模式", []string{"一村一品"}},
		{`实施"双报到"制度，推进"1+N"联建`, []string{"双报到", "1+N"}},
		{"落实“1+3+N”工作体系", []string{"1+3+N"}},
		{"他说：“今年要把工作做好。”", nil}, // a quoted sentence, not a name
		{"“好”", nil}, // too short
		{"“一二三四五六七八九十一二三”", nil},                     // 13 runes: too long
		{"“一二三四五六七八九十一二”", []string{"一二三四五六七八九十一二"}}, // 12 runes
		{"“AI”与“5G”", []string{"AI", "5G"}},
		{"“四下 基层”", nil},
		{"“+”", nil},
		{"《关于“四下基层”的意见》", []string{"四下基层"}}, // nested quotes: the inner name
		{"“未闭合的引号", nil},
		{"”反向的引号“", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := QuotedTerms(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("QuotedTerms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
