package article

import "testing"

func TestCleanSource(t *testing.T) {
	tests := []struct{ in, want string }{
		{"来源：人民网－人民日报 2024年06月07日", "人民日报"},
		{"来源：《求是》2019/23", "求是"},
		{"《党建研究》2024年第3期", "党建研究"},
		{"来源：新华网", "新华网"},
		{"来源：", ""},
	}
	for _, tt := range tests {
		if got := cleanSource(tt.in); got != tt.want {
			t.Errorf("cleanSource(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
