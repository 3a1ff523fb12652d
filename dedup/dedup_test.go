package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// reportsByTitle reads the government work reports and the resolutions on them.
func reportsByTitle(t *testing.T) map[string]string {
	t.Helper()
	fh, err := os.Open("../../shared/corpora/government_work_reports.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		out[r.Title] = r.Content
	}
	return out
}

// runes returns the runes [from, to) of s.
func runes(s string, from, to int) string {
	r := []rune(s)
	return string(r[from:min(to, len(r))])
}

// ids lists the members of each group, canonical first.
func ids(groups []Group) [][]int64 {
	var out [][]int64
	for _, g := range groups {
		var m []int64
		for _, x := range g.Members {
			m = append(m, x.ID)
		}
		out = append(out, m)
	}
	return out
}

func TestFind(t *testing.T) {
	reports := reportsByTitle(t)
	y2024 := reports["2024年中华人民共和国国务院政府工作报告"]
	y2023 := reports["2023年中华人民共和国国务院政府工作报告"]
	res2 := reports["第十四届全国人民代表大会第二次会议关于政府工作报告的决议"]
	res3 := reports["第十四届全国人民代表大会第三次会议关于政府工作报告的决议"]
	for _, s := range []string{y2024, y2023, res2, res3} {
		if utf8.RuneCountInString(s) < 500 {
			t.Fatal("a report used by the test is missing from the corpora")
		}
	}
	base := runes(y2024, 0, 3000)
	other := runes(y2023, 3000, 4200)
	var patchwork strings.Builder
	for i := range 20 {
		patchwork.WriteString(runes(base, i*140, i*140+12))
	}
	doc := func(id int64, text string) Doc { return Doc{ID: id, Text: text, Published: "2024-03-05"} }
	dated := func(id int64, text, published string) Doc { return Doc{ID: id, Text: text, Published: published} }

	tests := []struct {
		name string
		docs []Doc
		want [][]int64
	}{
		{"reprint with another headline and byline", []Doc{doc(1, "政府工作报告全文发布\n本报记者 甲乙丙\n"+base), doc(2, "转载\n来源：某网\n"+base)}, [][]int64{{1, 2}}},
		{"partial copy of 40%", []Doc{doc(1, base), doc(2, runes(base, 900, 2100))}, [][]int64{{1, 2}}},
		{"numbers reworded, equal length, earlier one canonical", []Doc{dated(1, base+"这是第10年。", "2024-03-06"), dated(2, arabicToChinese(base)+"这是第十年。", "2024-03-05")}, [][]int64{{2, 1}}},
		{"reports of different years", []Doc{doc(1, y2023), doc(2, y2024)}, nil},
		{"resolutions of consecutive sessions", []Doc{doc(1, res2), doc(2, res3)}, nil},
		{"short excerpt of a long document", []Doc{doc(1, base), doc(2, runes(base, 500, 580))}, nil},
		{"patchwork of phrases from a long document", []Doc{doc(1, base), doc(2, patchwork.String())}, nil},
		{"page printing two reports holds both", []Doc{doc(1, runes(base, 0, 1500)), doc(2, other), doc(3, runes(base, 0, 1500)+other)}, [][]int64{{3, 1, 2}}},
		{"no chain through a document that is only half a copy", []Doc{doc(1, base), doc(2, runes(base, 0, 2600)+runes(other, 0, 300)), doc(3, runes(other, 0, 300)+runes(y2023, 9000, 9050))}, [][]int64{{1, 2}}},
		{"equal copies: earliest known date", []Doc{dated(5, base, "2024-03-06"), dated(6, base, ""), dated(7, base, "2024-03-05")}, [][]int64{{7, 5, 6}}},
		{"equal copies of one date: lowest ID", []Doc{doc(9, base), doc(8, base)}, [][]int64{{8, 9}}},
		{"below the minimum size", []Doc{doc(1, runes(base, 0, 90)), doc(2, runes(base, 0, 90))}, nil},
	}
	for _, tt := range tests {
		groups, err := Find(tt.docs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(groups); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got groups %v, want %v (%+v)", tt.name, got, tt.want, groups)
		}
		for _, g := range groups {
			for _, m := range g.Members {
				if m.Similarity < DefaultThreshold {
					t.Errorf("%s: member %d has similarity %.3f to its canonical", tt.name, m.ID, m.Similarity)
				}
			}
		}
	}
}

func TestGrouperIsOrderIndependent(t *testing.T) {
	c := newSynthCorpus(sentencePool(t), 400, 0.1, 3)
	forward, backward := NewGrouper(Options{}), NewGrouper(Options{Workers: 1})
	for i := range c.docs {
		if err := forward.Add(c.docs[i]); err != nil {
			t.Fatal(err)
		}
		if err := backward.Add(c.docs[len(c.docs)-1-i]); err != nil {
			t.Fatal(err)
		}
	}
	a, b := forward.Groups(), backward.Groups()
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("groups depend on the order of Add: %d vs %d groups", len(a), len(b))
	}
}

func TestAddRejectsDuplicateID(t *testing.T) {
	g := NewGrouper(Options{})
	if err := g.Add(Doc{ID: 1, Text: "甲"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Add(Doc{ID: 1, Text: "乙"}); err == nil {
		t.Error("second document with ID 1 accepted, want an error")
	}
}

// TestManyReprints groups a report that sixty outlets reprinted under their own headlines;
// the one with the longest headline is the most complete.
func TestManyReprints(t *testing.T) {
	base := runes(reportsByTitle(t)["2024年中华人民共和国国务院政府工作报告"], 0, 2000)
	var docs []Doc
	for i := range 60 {
		headline := fmt.Sprintf("转载%d", i)
		if i == 17 {
			headline = "转载：政府工作报告（全文）附图表与解读"
		}
		docs = append(docs, Doc{ID: int64(100 + i), Text: headline + "\n" + base})
	}
	groups, err := Find(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].Canonical != 117 || len(groups[0].Members) != 60 {
		t.Errorf("got %d groups %+v, want one of 60 with 117 canonical", len(groups), groups)
	}
}

// intersect may stop early only when the lists cannot share need values: a count that
// reaches need is exact.
func TestIntersectStopsOnlyShortOfNeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	sample := func() []uint32 {
		var s []uint32
		for v := range uint32(200) {
			if rng.IntN(3) == 0 {
				s = append(s, v)
			}
		}
		return s
	}
	for range 2000 {
		a, b := sample(), sample()
		exact := intersect(a, b, 0)
		need := rng.IntN(80)
		got := intersect(a, b, need)
		if exact >= need && got != exact || exact < need && got >= need {
			t.Fatalf("intersect(need %d) = %d, exact count %d", need, got, exact)
		}
	}
}
