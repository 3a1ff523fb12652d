package web

import (
	"reflect"
	"testing"

	"github.com/dangjian/dangjian/collection"
)

func TestMarkedHTML(t *testing.T) {
	for _, tc := range []struct {
		text  string
		marks []Mark
		want  string
	}{
		{"湖北推行四不两直", nil, "湖北推行四不两直"},
		{"湖北推行四不两直", []Mark{{Kind: "actor", Start: 0, End: 2, Label: "a"}, {Kind: "initiative", Start: 4, End: 8, Label: "i"}},
			`<mark class="m-actor" title="a">湖北</mark>推行<mark class="m-initiative" title="i">四不两直</mark>`},
		{"<b>x</b>&", []Mark{{Kind: "metric", Start: 3, End: 4, Label: `"><script>`}},
			`&lt;b&gt;<mark class="m-metric" title="&#34;&gt;&lt;script&gt;">x</mark>&lt;/b&gt;&amp;`},
		{"abc", []Mark{{Kind: "actor", Start: 1, End: 9, Label: ""}}, "abc"}, // past the end: dropped
		{"abc", []Mark{{Kind: "actor", Start: 2, End: 1, Label: ""}}, "abc"}, // empty: dropped
		{"abcd", []Mark{{Kind: "actor", Start: 0, End: 2, Label: ""}, {Kind: "actor", Start: 1, End: 3, Label: ""}}, // overlapping: the first wins
			`<mark class="m-actor" title="">ab</mark>cd`},
	} {
		if got := string(markedHTML(tc.text, tc.marks)); got != tc.want {
			t.Errorf("markedHTML(%q, %v) = %q, want %q", tc.text, tc.marks, got, tc.want)
		}
	}
}

func TestSnippetHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"…采取“<mark>四不两直</mark>”方式…", "…采取“<mark>四不两直</mark>”方式…"},
		{"&lt;script&gt;<mark>x</mark>", "&lt;script&gt;<mark>x</mark>"},
		{"<script>alert(1)</script><mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt;<mark>x</mark>"},
		{"<mark>open", "<mark>open</mark>"},
		{"a</mark>b", "a&lt;/mark&gt;b"},
		{"<mark onclick=x>y</mark>", "&lt;mark onclick=x&gt;y&lt;/mark&gt;"},
		{"&amp;&#34;", "&amp;&#34;"},
	} {
		if got := string(snippetHTML(tc.in)); got != tc.want {
			t.Errorf("snippetHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDocMarks(t *testing.T) {
	v := &collection.DocView{
		Text:        "浙江推行千万工程，建成驿站120个。",
		Initiatives: []collection.InitiativeRow{{Actor: "浙江", Initiative: "千万工程", Start: 4, End: 8}},
		Metrics:     []collection.MetricRow{{Actor: "浙江", What: "建成驿站", Value: 120, Unit: "个", Start: 13, End: 17}},
		Provinces:   []string{"浙江"},
	}
	mentions := []collection.Mention{
		{Name: "浙江", Kind: "province", Province: "浙江", Start: 0, End: 2},
		{Name: "千万", Kind: "place", Province: "浙江", Start: 4, End: 6},  // inside an initiative: the item wins
		{Name: "推行", Kind: "central", Start: 2, End: 4},                // looks like a body, acts in nothing
		{Name: "建成", Kind: "place", Province: "江苏", Start: 9, End: 11}, // a place outside the document's provinces
	}
	got := docMarks(v, mentions)
	want := []Mark{
		{Kind: "actor", Start: 0, End: 2, Label: "actor: 浙江 (province)"},
		{Kind: "initiative", Start: 4, End: 8, Label: "initiative of 浙江: 千万工程"},
		{Kind: "metric", Start: 13, End: 17, Label: "metric of 浙江: 建成驿站 120 个"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("docMarks = %+v\nwant %+v", got, want)
	}
}
