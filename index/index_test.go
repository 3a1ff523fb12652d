package index

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dangjian/dangjian/hanzi"
	"github.com/dangjian/dangjian/query"
)

type testDoc struct {
	id        int64
	title     string
	source    string
	year      int
	text      string
	provinces map[int][]string // sentence index → provinces
	group     int64
}

var testDocs = []testDoc{
	{1, "基层党建综述", "人民日报", 2023, "黑龙江、湖北等地采取“四不两直”方式调研。浙江开展4个专项行动。", map[int][]string{0: {"黑龙江", "湖北"}, 1: {"浙江"}}, 0},
	{2, "機關黨建研究", "党员生活", 2024, "湖北省直機關黨建質量持續提高。問題清單共120條。", map[int][]string{0: {"湖北"}}, 0},
	{3, "重庆述职评议", "新华网", 2016, "重庆区县党委书记同台述职,直面“形严实软”。浙江的经验值得借鉴。<script>alert(1)</script>", map[int][]string{0: {"重庆"}}, 0},
}

// buildTestIndex indexes testDocs, with one passage per sentence ending in 。.
func buildTestIndex(t *testing.T, root string, docs []testDoc) {
	t.Helper()
	buildWithGrams(t, root, docs, gramMinCount)
}

// buildWithGrams indexes docs, listing the strings that occur at least gramMin times.
func buildWithGrams(t *testing.T, root string, docs []testDoc, gramMin int) {
	t.Helper()
	b, err := NewBuilder(root)
	if err != nil {
		t.Fatal(err)
	}
	b.gramMin = gramMin
	for _, d := range docs {
		a := &Article{DocID: d.id, Title: d.title, Source: d.source, Year: d.year,
			Text: d.text, Folded: hanzi.Fold(d.title + "\n" + d.text), URL: "file" + string(rune('0'+d.id)), Group: d.group}
		start := 0
		runes := []rune(d.text)
		for i, r := range runes {
			if r != '。' && i != len(runes)-1 {
				continue
			}
			a.Passages = append(a.Passages, Passage{Start: start, End: i + 1, Provinces: d.provinces[len(a.Passages)]})
			start = i + 1
		}
		if err := b.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
}

func openTestIndex(t *testing.T) *Index {
	t.Helper()
	return openIndexOf(t, testDocs)
}

// openIndexOf builds docs into a new index and opens it; it is closed when the test ends.
func openIndexOf(t *testing.T, docs []testDoc) *Index {
	t.Helper()
	root := t.TempDir()
	buildTestIndex(t, root, docs)
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func search(t *testing.T, ix *Index, q string) *Result {
	t.Helper()
	pq, err := query.Parse(q)
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	res, err := ix.Search(context.Background(), Request{Query: pq, Limit: 10})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func ids(res *Result) []int64 {
	var out []int64
	for _, h := range res.Hits {
		out = append(out, h.DocID)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func TestSearchMatchesLikeGrep(t *testing.T) {
	ix := openTestIndex(t)
	tests := []struct {
		q    string
		want []int64
	}{
		{"四不两直", []int64{1}},
		{"不两", []int64{1}},
		{"两", []int64{1}},
		{"湖北", []int64{1, 2}},
		{"党建", []int64{1, 2}}, // 黨建 in doc 2 folds to 党建
		{"黨建", []int64{1, 2}},
		{"党委", []int64{3}},
		{"机关党建质量", []int64{2}},
		{"120条", []int64{2}},
		{"浙江 专项", []int64{1}},
		{"浙江 -专项", []int64{3}},
		{"湖北省直", []int64{2}},
		{"北省直机", []int64{2}},
		{"直面形严", nil}, // characters present, not adjacent: a quote mark stands between
		{"“形严实软”", []int64{3}},
		{"形严实软", []int64{3}},
		{"year:2023 党建", []int64{1}},
		{"source:新华网 浙江", []int64{3}},
		{"source:新華網 浙江", []int64{3}},
		{"四不两直 OR 形严实软", []int64{1, 3}},
		{"不存在的词", nil},
	}
	for _, tt := range tests {
		if got := ids(search(t, ix, tt.q)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("search %q = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestSearchByProvinceCountsPassages(t *testing.T) {
	ix := openTestIndex(t)
	res := search(t, ix, "province:浙江 专项行动")
	if got := ids(res); !reflect.DeepEqual(got, []int64{1}) {
		t.Fatalf("province:浙江 专项行动 = %v, want [1]", got)
	}
	if len(res.Hits[0].Snippets) != 1 || !strings.Contains(res.Hits[0].Snippets[0], "<mark>专项行动</mark>") {
		t.Errorf("snippets = %q, want the 浙江 passage", res.Hits[0].Snippets)
	}
	// 浙江 appears in doc 3 only in a sentence not attributed to it.
	if got := ids(search(t, ix, "province:浙江 浙江")); !reflect.DeepEqual(got, []int64{1}) {
		t.Errorf("province:浙江 浙江 = %v, want [1]", got)
	}
	res = search(t, ix, "四不两直")
	if want := map[string]int{"黑龙江": 1, "湖北": 1}; !reflect.DeepEqual(res.Facets["province"], want) {
		t.Errorf("province facet = %v, want %v", res.Facets["province"], want)
	}
	if want := map[string]int{"2023": 1}; !reflect.DeepEqual(res.Facets["year"], want) {
		t.Errorf("year facet = %v, want %v", res.Facets["year"], want)
	}
}

func TestTrend(t *testing.T) {
	ix := openTestIndex(t)
	q, _ := query.Parse("四不两直")
	got, err := ix.Trend(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[int]int{"黑龙江": {2023: 1}, "湖北": {2023: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Trend = %v, want %v", got, want)
	}
}

// TestReprintsCountOnce adds a reprint of article 1 (with 第十年 written 第10年) to the
// index: search shows one hit with the copy under duplicates, and trend counts once.
func TestReprintsCountOnce(t *testing.T) {
	reprint := testDoc{4, "基层党建综述(转载)", "某报", 2023, "黑龙江、湖北等地采取“四不两直”方式调研。浙江开展4个专项行动。第10年。",
		map[int][]string{0: {"黑龙江", "湖北"}, 1: {"浙江"}}, 1}
	docs := append(append([]testDoc{}, testDocs...), reprint)
	docs[0].text += "第十年。"
	docs[0].group = 1 // the canonical is a member of its group too
	ix := openIndexOf(t, docs)
	res := search(t, ix, "四不两直")
	if res.Total != 1 || res.Hits[0].DocID != 1 || !reflect.DeepEqual(res.Hits[0].Duplicates, []int64{4}) {
		t.Errorf("search = total %d, hits %+v; want doc 1 with duplicate 4", res.Total, res.Hits)
	}
	if want := map[string]int{"黑龙江": 1, "湖北": 1}; !reflect.DeepEqual(res.Facets["province"], want) {
		t.Errorf("province facet = %v, want %v", res.Facets["province"], want)
	}
	// Only the reprint has 某报: it is the hit then, not hidden behind a canonical that does not match.
	if res := search(t, ix, "转载"); res.Total != 1 || res.Hits[0].DocID != 4 {
		t.Errorf("search 转载 = %+v, want the reprint", res.Hits)
	}
	q, _ := query.Parse("四不两直")
	trend, err := ix.Trend(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]map[int]int{"黑龙江": {2023: 1}, "湖北": {2023: 1}}; !reflect.DeepEqual(trend, want) {
		t.Errorf("Trend = %v, want %v", trend, want)
	}
}

func TestSnippets(t *testing.T) {
	tests := []struct {
		text  string
		terms []string
		want  []string
	}{
		{"黨建工作", []string{"党建"}, []string{"<mark>黨建</mark>工作"}},
		{"a<b>党建</b>", []string{"党建"}, []string{"a&lt;b&gt;<mark>党建</mark>&lt;/b&gt;"}},
		{strings.Repeat("甲", 50) + "党建" + strings.Repeat("乙", 50), []string{"党建"},
			[]string{"…" + strings.Repeat("甲", 29) + "<mark>党建</mark>" + strings.Repeat("乙", 29) + "…"}},
		{"第一行党建\n第二行党建", []string{"党建"}, []string{"第一行<mark>党建</mark>", "第二行<mark>党建</mark>"}},
		{"没有", []string{"党建"}, nil},
		// Folding changes bytes (full width, traditional) but not lines or runes.
		{"ＡＢ黨建\n第二行，黨建ａ", []string{"党建a"}, []string{"第二行，<mark>黨建ａ</mark>"}},
		{"ＡＢ黨建\n第二行，黨建", []string{"ab", "党建"}, []string{"<mark>ＡＢ</mark><mark>黨建</mark>", "第二行，<mark>黨建</mark>"}},
		// The first three occurrences make the snippets, however many follow.
		{"党建一\n党建二\n党建三\n党建四", []string{"党建"}, []string{"<mark>党建</mark>一", "<mark>党建</mark>二", "<mark>党建</mark>三"}},
		{"党建" + strings.Repeat("甲", 100) + "党建", []string{"党建"},
			[]string{"<mark>党建</mark>" + strings.Repeat("甲", 29) + "…", "…" + strings.Repeat("甲", 29) + "<mark>党建</mark>"}},
		// Where terms start together, the longer is marked.
		{"加强党建工作。党建", []string{"党建", "党建工作"}, []string{"加强<mark>党建工作</mark>。<mark>党建</mark>"}},
	}
	for _, tt := range tests {
		if got := Snippets(tt.text, tt.terms, 3, 60); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Snippets(%q, %q) = %q, want %q", tt.text, tt.terms, got, tt.want)
		}
	}
}

// Snippets of an indexed article show its original characters, restored from the folded
// text: in the article's text, in a province's passage and in its title.
func TestSnippetsShowOriginalCharacters(t *testing.T) {
	ix := openTestIndex(t)
	tests := []struct{ q, want string }{
		{"问题清单", "<mark>問題清單</mark>共120條。"},
		{"province:湖北 党建质量", "湖北省直機關<mark>黨建質量</mark>持續提高。"},
		{"机关党建研究", "<mark>機關黨建研究</mark>"},
	}
	for _, tt := range tests {
		res := search(t, ix, tt.q)
		if len(res.Hits) != 1 || !slices.ContainsFunc(res.Hits[0].Snippets, func(s string) bool { return strings.Contains(s, tt.want) }) {
			t.Errorf("search %q: hits %v, want one with a snippet containing %q", tt.q, res.Hits, tt.want)
		}
	}
}

func TestSnippetEscapesMarkup(t *testing.T) {
	ix := openTestIndex(t)
	res := search(t, ix, "借鉴")
	for _, s := range res.Hits[0].Snippets {
		if strings.Contains(s, "<script>") {
			t.Errorf("snippet not escaped: %q", s)
		}
	}
}

// TestAbortedRebuildKeepsOldIndex simulates a rebuild killed at each stage: after records
// were added, and with scratch directories and a half-written CURRENT left behind.
func TestAbortedRebuildKeepsOldIndex(t *testing.T) {
	root := t.TempDir()
	buildTestIndex(t, root, testDocs)
	before := ids(searchRoot(t, root, "党建"))

	b, err := NewBuilder(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(&Article{DocID: 9, Text: "新的党建文章"}); err != nil {
		t.Fatal(err)
	}
	// A killed process leaves its build directory and maybe a CURRENT.tmp: simulate both.
	if err := os.WriteFile(filepath.Join(root, currentFile+".tmp"), []byte("gen-garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := ids(searchRoot(t, root, "党建")); !reflect.DeepEqual(got, before) {
		t.Errorf("during rebuild: %v, want %v", got, before)
	}
	b.Abort()
	if got := ids(searchRoot(t, root, "党建")); !reflect.DeepEqual(got, before) {
		t.Errorf("after abort: %v, want %v", got, before)
	}
	// The next rebuild succeeds and sweeps what was left.
	buildTestIndex(t, root, testDocs[:1])
	if got := ids(searchRoot(t, root, "党建")); !reflect.DeepEqual(got, []int64{1}) {
		t.Errorf("after next rebuild: %v, want [1]", got)
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) {
			t.Errorf("stale build directory %s left behind", e.Name())
		}
	}
}

func TestSecondRebuildIsLocked(t *testing.T) {
	root := t.TempDir()
	b, err := NewBuilder(root)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Abort()
	if _, err := NewBuilder(root); err == nil || !strings.Contains(err.Error(), "another rebuild") {
		t.Errorf("second NewBuilder err = %v, want another rebuild is running", err)
	}
}

func TestOpenWithoutIndex(t *testing.T) {
	if _, err := Open(t.TempDir()); err != ErrNoIndex {
		t.Errorf("Open(empty) err = %v, want ErrNoIndex", err)
	}
}

func searchRoot(t *testing.T, root, q string) *Result {
	t.Helper()
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	return search(t, ix, q)
}

// TestOccurrencesLikeStringsIndex compares the text index with a scan of the folded text
// for every substring of up to five characters of the test articles, and some absent ones.
func TestOccurrencesLikeStringsIndex(t *testing.T) {
	ix := openTestIndex(t)
	text := string(ix.folded)
	runes := []rune(text)
	terms := []string{"不存在", "党建。", "\n", "。湖", "x"}
	for i := range runes {
		for n := 1; n <= 5 && i+n <= len(runes); n++ {
			terms = append(terms, string(runes[i:i+n]))
		}
	}
	for _, term := range terms {
		var want []uint32
		for at := 0; ; {
			k := strings.Index(text[at:], term)
			if k < 0 {
				break
			}
			if within(ix, at+k, len(term)) {
				want = append(want, uint32(at+k))
			}
			_, size := utf8.DecodeRuneInString(text[at+k:])
			at += k + size
		}
		got, err := ix.occurrences(term)
		if err != nil {
			t.Fatalf("occurrences(%q): %v", term, err)
		}
		got = slices.DeleteFunc(got, func(p uint32) bool { return !within(ix, int(p), len(term)) })
		if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
			t.Errorf("occurrences(%q) = %v, want %v", term, got, want)
		}
	}
	if len(terms) < 100 {
		t.Fatalf("only %d terms checked", len(terms))
	}
}

// within: the n bytes at pos lie in one article. The text index does not look across
// articles; a match that did is dropped when matches are mapped to articles.
func within(ix *Index, pos, n int) bool {
	for _, d := range ix.docs {
		if int(d.start) <= pos && pos+n <= int(d.end) {
			return true
		}
	}
	return false
}

// TestRanking: at equal counts and lengths, a term that stands as a whole word of the
// segmenter ranks above one inside a longer word, and a title match above a text match.
func TestRanking(t *testing.T) {
	root := t.TempDir()
	b, err := NewBuilder(root)
	if err != nil {
		t.Fatal(err)
	}
	add := func(id int64, title, text string, words []string) {
		t.Helper()
		if err := b.Add(&Article{DocID: id, Title: title, Text: text, Words: words}); err != nil {
			t.Fatal(err)
		}
	}
	// 1: 党建 inside 党建设 (words 党 / 建设); 2: 党建 a word; 3: a word in the title.
	add(1, "甲", "加强党建设工作", []string{"甲", "\n", "加强", "党", "建设", "工作"})
	add(2, "乙", "加强党建和工作", []string{"乙", "\n", "加强", "党建", "和", "工作"})
	add(3, "党建", "加强组织工作", []string{"党建", "加强", "组织", "工作"})
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res := search(t, ix, "党建")
	var got []int64
	for _, h := range res.Hits {
		got = append(got, h.DocID)
	}
	if want := []int64{3, 2, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v (scores %v)", got, want, res.Hits)
	}
}

// TestInvalidQueryBytes: bytes that are not UTF-8 occur in no text, so they find nothing,
// whatever character the decoder would make of them.
func TestInvalidQueryBytes(t *testing.T) {
	ix := openTestIndex(t)
	for _, term := range []string{"\xff", "\xff建", "党\xff", "\xef\xbf"} {
		got, err := ix.occurrences(term)
		if err != nil || len(got) != 0 {
			t.Errorf("occurrences(%q) = %v, %v; want none", term, got, err)
		}
	}
}

// TestPassagesWithoutProvinces: sentences attributed to no province are counted in the
// meta but not stored, and they make no hit of a province search.
func TestPassagesWithoutProvinces(t *testing.T) {
	ix := openTestIndex(t)
	sentences, attributed := 0, 0
	for _, d := range testDocs {
		sentences += strings.Count(d.text, "。")
		if !strings.HasSuffix(d.text, "。") {
			sentences++
		}
		attributed += len(d.provinces)
	}
	if ix.Meta().Passages != sentences || ix.passages.len() != attributed {
		t.Errorf("meta %d passages, %d stored; want %d and %d", ix.Meta().Passages, ix.passages.len(), sentences, attributed)
	}
}

func TestSortPositions(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{0, 1, 100, 5000, 70000} {
		pos := make([]uint32, n)
		for i := range pos {
			pos[i] = rng.Uint32() >> uint(rng.Intn(20))
		}
		want := slices.Clone(pos)
		slices.Sort(want)
		sortPositions(pos)
		if !slices.Equal(pos, want) {
			t.Errorf("sortPositions of %d positions is not sorted", n)
		}
	}
}

// TestFrequentStringsAnswerLikeOccurrences: a search answered from the lists of frequent
// strings finds, counts, ranks and shows exactly what one that places every occurrence
// does, for every substring of up to eight characters alone, with filters and combined.
func TestFrequentStringsAnswerLikeOccurrences(t *testing.T) {
	docs := append([]testDoc{}, testDocs...)
	docs = append(docs,
		testDoc{4, "湖北党建工作", "人民日报", 2023, "湖北党建工作扎实。浙江党建工作创新。湖北“四不两直”常态化。", map[int][]string{0: {"湖北"}, 1: {"浙江"}, 2: {"湖北"}}, 5},
		testDoc{5, "湖北党建工作", "新华网", 2023, "湖北党建工作扎实。浙江党建工作创新。湖北“四不两直”常态化。", map[int][]string{0: {"湖北"}, 1: {"浙江"}, 2: {"湖北"}}, 5},
	)
	// Enough articles that a common string has pages beyond those a rebuild ranks.
	for i := range 2 * answerHits {
		id := int64(10 + i)
		var group int64
		if i%5 == 1 {
			group = id - 1 // a reprint of the article before
		}
		if i%5 == 0 && i+1 < 2*answerHits {
			group = id
		}
		docs = append(docs, testDoc{id, fmt.Sprintf("党建报道%d", i%7), []string{"人民日报", "新华网"}[i%2], 2020 + i%4,
			strings.Repeat("浙江党建。", 1+i%3) + fmt.Sprintf("第%d次会议。", i%6), map[int][]string{0: {"浙江"}, 1 + i%3: {"湖北"}}, group})
	}
	open := func(gramMin int) *Index {
		root := t.TempDir()
		buildWithGrams(t, root, docs, gramMin)
		ix, err := Open(root)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		return ix
	}
	plain := open(1 << 30)
	if plain.gramKeys.len() != 0 {
		t.Fatalf("%d frequent strings listed at a threshold no string reaches", plain.gramKeys.len())
	}
	for _, gramMin := range []int{1, 2} {
		listed := open(gramMin)
		if listed.gramKeys.len() == 0 {
			t.Fatalf("no frequent string listed at %d occurrences", gramMin)
		}
		// Every substring of the first articles, and the common strings of the rest.
		runes := []rune(string(listed.folded[:listed.docs[5].start]))
		queries := []string{"党建", "浙江党建", "浙江", "会议", "党建报道", "建。"}
		for i := range runes {
			for n := 1; n <= gramMaxRunes+1 && i+n <= len(runes); n++ {
				term := string(runes[i : i+n])
				if strings.ContainsAny(term, "\n \"“”<>()") {
					continue
				}
				queries = append(queries, term, "province:湖北 "+term, "year:2023 "+term, term+" 湖北", term+" OR 浙江", "党建 -"+term)
			}
		}
		used := 0
		for _, q := range queries {
			want, got := search(t, plain, q), search(t, listed, q)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("at %d: search %q answered from lists = %+v, placing occurrences = %+v", gramMin, q, got, want)
			}
			if listed.gramKeys.find(hanzi.Fold(strings.Fields(q)[len(strings.Fields(q))-1])) >= 0 {
				used++
			}
		}
		// Pages beyond those the rebuild ranked.
		for _, q := range queries[:6] {
			pq, _ := query.Parse(q)
			far := Request{Query: pq, Offset: answerHits - 2, Limit: 5}
			want, err1 := plain.Search(context.Background(), far)
			got, err2 := listed.Search(context.Background(), far)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("at %d: search %q from hit %d = %+v, %v; want %+v, %v", gramMin, q, far.Offset, got, err2, want, err1)
			}
			if len(want.Hits) == 0 && q == "党建" {
				t.Errorf("at %d: no hits from %d for %q: the test has too few articles", gramMin, far.Offset, q)
			}
		}
		if used == 0 {
			t.Errorf("at %d: no query used the lists", gramMin)
		}
	}
}

// TestFrequentStringsAreWrittenInOrder: the frequent strings are listed on every core but
// written in byte order, so two rebuilds write the same files and lookups find them all.
func TestFrequentStringsAreWrittenInOrder(t *testing.T) {
	var files [2]map[string][]byte
	for i := range files {
		root := t.TempDir()
		buildWithGrams(t, root, testDocs, 1)
		dir, err := current(root)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = map[string][]byte{}
		for _, name := range []string{gramKeysFile, gramListsFile} {
			if files[i][name], err = os.ReadFile(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, b := range files[0] {
		if !reflect.DeepEqual(b, files[1][name]) {
			t.Errorf("%s differs between two builds of the same articles", name)
		}
	}
	keys := gramKeys(files[0][gramKeysFile])
	if keys.len() < 50 {
		t.Fatalf("only %d strings listed at one occurrence", keys.len())
	}
	for i := range keys.len() {
		if i > 0 && string(keys.key(i-1)) >= string(keys.key(i)) {
			t.Errorf("%q is listed after %q", keys.key(i), keys.key(i-1))
		}
		if got := keys.find(string(keys.key(i))); got != i {
			t.Errorf("find(%q) = %d, want %d", keys.key(i), got, i)
		}
	}
}

// TestBlocksPlaceLikeGalloping: the block index takes occurrences to the units a search
// of the ends finds, over gaps, long and short units and occurrences past the last.
func TestBlocksPlaceLikeGalloping(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for round := range 50 {
		var us units
		at := uint32(0)
		for range 1 + rng.Intn(300) {
			at += uint32(rng.Intn(3 << blockShift)) // gaps, up to several blocks
			end := at + 1 + uint32(rng.Intn(1<<(blockShift+1)))
			us.spans = append(us.spans, span{at, end})
			at = end
		}
		var occs []occ
		for p := uint32(0); p < at+100; p += 1 + uint32(rng.Intn(200*(round%5+1))) {
			occs = append(occs, occ{p, 1 + uint32(rng.Intn(12))})
		}
		one := func(int, occ) float64 { return 1 }
		plain := inUnits(occs, &us, one)
		us.index()
		if len(us.blocks) == 0 {
			t.Fatal("no blocks made")
		}
		if got := inUnits(occs, &us, one); !reflect.DeepEqual(got, plain) {
			t.Fatalf("round %d: with blocks %v, galloping %v", round, got, plain)
		}
	}
}
