package query

import (
	"reflect"
	"strings"
	"testing"
)

func w(s string) Term    { return Term{Text: s} }
func p(s string) Term    { return Term{Text: s, Phrase: true} }
func or(ts ...Term) Term { return Term{Any: ts} }

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Query
	}{
		{"四不两直", Query{Terms: []Term{w("四不两直")}}},
		{"四不两直 述职评议考核", Query{Terms: []Term{w("四不两直"), w("述职评议考核")}}},
		{"  四不两直\u3000述职评议考核 ", Query{Terms: []Term{w("四不两直"), w("述职评议考核")}}},
		{`"三会一课 制度"`, Query{Terms: []Term{p("三会一课 制度")}}},
		{"“主题党日”活动", Query{Terms: []Term{p("主题党日"), w("活动")}}},
		{`" 主题党日 "`, Query{Terms: []Term{p("主题党日")}}},
		{`“他说"好"”`, Query{Terms: []Term{p(`他说"好"`)}}},
		{"党建 -形式主义", Query{Terms: []Term{w("党建")}, Exclude: []Term{w("形式主义")}}},
		{`党建 -"留痕 主义"`, Query{Terms: []Term{w("党建")}, Exclude: []Term{p("留痕 主义")}}},
		{"-形式主义", Query{Exclude: []Term{w("形式主义")}}},
		{"--a", Query{Exclude: []Term{w("-a")}}},
		{"a-b", Query{Terms: []Term{w("a-b")}}},
		{"红色物业 OR 物业党建", Query{Terms: []Term{or(w("红色物业"), w("物业党建"))}}},
		{`a OR "b c" OR d e`, Query{Terms: []Term{or(w("a"), p("b c"), w("d")), w("e")}}},
		{"a or b", Query{Terms: []Term{w("a"), w("or"), w("b")}}},
		{`"OR"`, Query{Terms: []Term{p("OR")}}},
		{"-OR x", Query{Terms: []Term{w("x")}, Exclude: []Term{w("OR")}}},
		{"province:湖北 year:2023 source:人民日报", Query{Filters: map[string][]string{"province": {"湖北"}, "year": {"2023"}, "source": {"人民日报"}}}},
		{"党建 Province：湖北", Query{Terms: []Term{w("党建")}, Filters: map[string][]string{"province": {"湖北"}}}},
		{"year:2020..2023", Query{Filters: map[string][]string{"year": {"2020..2023"}}}},
		{`source:"人民日报 海外版"`, Query{Filters: map[string][]string{"source": {"人民日报 海外版"}}}},
		{"province:湖北 province:浙江 province:湖北", Query{Filters: map[string][]string{"province": {"湖北", "浙江"}}}},
		{"12:30 :x", Query{Terms: []Term{w("12:30"), w(":x")}}},
		{`"http://www.12371.cn"`, Query{Terms: []Term{p("http://www.12371.cn")}}},
		{"黨建", Query{Terms: []Term{w("黨建")}}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("Parse(%q) = %#v, want %#v", tt.in, *got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, want string // want: a part of the error message
	}{
		{"", "empty query"},
		{" \u3000 ", "empty query"},
		{`"三会一课`, "unbalanced quote"},
		{"“三会一课", "unbalanced quote"},
		{"三会一课”", "unbalanced quote"},
		{`""`, "empty phrase"},
		{"city:武汉", `unknown field "city" in "city:武汉" (fields: province, year, source`},
		{"http://x.cn", `unknown field "http"`},
		{"-province:湖北", "cannot be excluded"},
		{"province:", "needs a value"},
		{"year:23", `bad year "23"`},
		{"year:二〇二三", "bad year"},
		{"year:2023..2020", "bad year"},
		{"year:2020..", "bad year"},
		{"year:2020..2023..2024", "bad year"},
		{"- 党建", `"-" must be followed`},
		{"党建 -", `"-" must be followed`},
		{"OR 党建", "OR needs a term"},
		{"党建 OR", "OR after \"党建\" needs"},
		{"党建 OR -形式", "OR after"},
		{"党建 OR OR 基层", "OR after"},
		{"党建 OR year:2023", "OR after"},
		{strings.Repeat("党", MaxRunes+1), "too long: 257 characters, at most 256"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error containing %q", tt.in, q, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "query: ") {
			t.Errorf("Parse(%q) error = %q, want it to start with \"query: \" and contain %q", tt.in, err, tt.want)
		}
	}
}

func TestParseLongQueryOfSpaces(t *testing.T) {
	in := strings.Repeat("党", MaxRunes) + strings.Repeat(" ", 100)
	if _, err := Parse(in); err != nil {
		t.Errorf("Parse(%d characters and 100 spaces) error: %v, want spaces not counted", MaxRunes, err)
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"四不两直", "四不两直"},
		{"  a\u3000\u3000b  ", "a b"},
		{"“主题党日”活动", `"主题党日" 活动`},
		{`“他说"好"”`, `“他说"好"”`},
		{"year:2023 党建 -形式 province：湖北 a OR “b c”", `党建 a OR "b c" -形式 province:湖北 year:2023`},
		{`source:"人民日报" source:“新华 社”`, `source:人民日报 source:"新华 社"`},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"党建", false},
		{"year:2023", false},
		{"-党建", true},
		{"-党建 -a", true},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if got := q.Empty(); got != tt.want {
			t.Errorf("Parse(%q).Empty() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"四不两直 述职评议考核",
		`"三会一课 制度" -"形式 主义" -留痕`,
		"“主题党日”活动 a OR b OR “c d”",
		"province:湖北 year:2020..2023 source:\"人民日报 海外版\"",
		"Province：湖北 year:2023 党建",
		`ab"cd"ef “x"y”`,
		"--a -OR \"OR\" 12:30",
		"\xff\xfe 党建",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(q.String())
		if err != nil {
			t.Fatalf("Parse(%q) = %q, but that does not parse: %v", s, q.String(), err)
		}
		if !reflect.DeepEqual(q, again) {
			t.Fatalf("Parse(%q) = %#v, Parse of its String %q = %#v", s, q, q.String(), again)
		}
	})
}
