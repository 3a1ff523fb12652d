package dedup

import (
	"fmt"
	"math/rand"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/dangjian/dangjian/benchcorpus"
)

// sentencePool returns the distinct sentences of the real reports, as benchcorpus recombines
// them. The synthetic corpora below draw sentences at random rather than runs of whole
// paragraphs: benchcorpus's paragraphs come from about 1.5 million characters of reports, far
// too few to give 100 000 documents paragraphs of their own, and documents that share whole
// paragraph runs would be partial copies of each other in truth. With sentences drawn at
// random from tens of thousands, two independent documents share a handful of sentences at
// most, so every group that mixes documents of different families is a false group.
// TestInjectedCopies measures the highest similarity between independent documents.
func sentencePool(tb testing.TB) []string {
	tb.Helper()
	src, err := benchcorpus.Load("../../shared/corpora")
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[string]bool{}
	var pool []string
	err = src.Generate(1, 2*src.Bytes(), func(d benchcorpus.Doc) error {
		lines := strings.Split(d.Text, "\n")
		for _, para := range lines[min(2, len(lines)):] { // skip the title and dateline
			// benchcorpus starts some paragraphs with a province and 各地; the sentence
			// without them is the same sentence.
			if before, after, ok := strings.Cut(para, "各地"); ok && utf8.RuneCountInString(before) <= 3 {
				para = after
			}
			for _, s := range splitSentences(para) {
				// Very long sentences (a resolution's closing call runs to a thousand
				// characters) would make a document of one sentence.
				if n := utf8.RuneCountInString(s); n >= 12 && n <= 150 && !seen[s] {
					seen[s] = true
					pool = append(pool, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(pool) < 10_000 {
		tb.Fatalf("sentence pool has %d sentences, want the real reports", len(pool))
	}
	return pool
}

func splitSentences(para string) []string {
	var out []string
	start := 0
	for i, r := range para {
		if r == '。' || r == '！' || r == '？' || r == '；' {
			end := i + utf8.RuneLen(r)
			out = append(out, para[start:end])
			start = end
		}
	}
	if start < len(para) {
		out = append(out, para[start:])
	}
	return out
}

// Ways a copy differs from its original, as outlets reprint reports.
const (
	copyExact     = iota // the same text, published later
	copyNumbers          // Arabic numbers written in Chinese numerals
	copyHeadline         // a new headline and byline
	copyTruncated        // the first 60% only
	copyForeign          // other articles' paragraphs appended, as on a newspaper page
	copyKinds
)

// synthCorpus is a generated corpus with reprints injected at known places.
type synthCorpus struct {
	docs   []Doc
	family []int      // docs[i] is a copy of docs[j] exactly when family[i] == family[j]
	pairs  [][2]int64 // (original, copy) IDs
}

// newSynthCorpus builds n documents of 1–3 KB from pool; a share of them are copies of
// other documents, of each kind in turn, at random positions.
func newSynthCorpus(pool []string, n int, copyShare float64, seed int64) *synthCorpus {
	rng := rand.New(rand.NewSource(seed))
	copies := int(float64(n) * copyShare)
	originals := n - copies
	texts := make([]string, 0, n)
	dates := make([]string, 0, n)
	family := make([]int, 0, n)
	for i := range originals {
		texts = append(texts, synthText(rng, pool, 1000+rng.Intn(2000), fmt.Sprintf("综述之%d", i)))
		dates = append(dates, fmt.Sprintf("20%02d-%02d-%02d", 10+rng.Intn(14), 1+rng.Intn(12), 1+rng.Intn(28)))
		family = append(family, i)
	}
	for k, orig := range rng.Perm(originals)[:copies] {
		texts = append(texts, reprint(rng, pool, texts[orig], k%copyKinds))
		dates = append(dates, dates[orig])
		family = append(family, orig)
	}
	// IDs are positions after a shuffle, so copies land anywhere in the ID order.
	c := &synthCorpus{docs: make([]Doc, n), family: make([]int, n)}
	idOf := make([]int64, n)
	for pos, i := range rng.Perm(n) {
		idOf[i] = int64(pos)
		c.docs[pos] = Doc{ID: int64(pos), Text: texts[i], Published: dates[i]}
		c.family[pos] = family[i]
	}
	for i := originals; i < n; i++ {
		c.pairs = append(c.pairs, [2]int64{idOf[family[i]], idOf[i]})
	}
	return c
}

// synthText is a headline, a byline and paragraphs of random sentences, about size bytes.
func synthText(rng *rand.Rand, pool []string, size int, headline string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n本报记者 %d\n", headline, rng.Intn(1000))
	for b.Len() < size {
		for range 2 + rng.Intn(4) {
			b.WriteString(pool[rng.Intn(len(pool))])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func reprint(rng *rand.Rand, pool []string, text string, kind int) string {
	switch kind {
	case copyNumbers:
		return arabicToChinese(text)
	case copyHeadline:
		_, body, _ := strings.Cut(text, "\n")
		_, body, _ = strings.Cut(body, "\n")
		return fmt.Sprintf("转载：重要报道%d\n来源：某某网 作者 %d\n%s", rng.Intn(1e6), rng.Intn(1000), body)
	case copyTruncated:
		r := []rune(text)
		return string(r[:len(r)*6/10])
	case copyForeign:
		return text + synthText(rng, pool, len(text)/2, "另一篇文章")
	}
	return text
}

var arabicNumber = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)

// arabicToChinese writes whole numbers below 100 000 in Chinese numerals, years (four
// digits before 年) digit by digit, as another outlet might.
func arabicToChinese(text string) string {
	return arabicNumber.ReplaceAllStringFunc(text, func(m string) string {
		n, err := strconv.Atoi(m)
		if err != nil || n >= 100_000 {
			return m
		}
		return chineseNumber(n)
	})
}

var chineseDigits = []rune("零一二三四五六七八九")

func chineseNumber(n int) string {
	if n == 0 {
		return "零"
	}
	var b strings.Builder
	if n >= 10_000 {
		b.WriteString(chineseNumber(n / 10_000))
		b.WriteRune('万')
		n %= 10_000
		if n == 0 {
			return b.String()
		}
	}
	units := []struct {
		v int
		r rune
	}{{1000, '千'}, {100, '百'}, {10, '十'}}
	zero := b.Len() > 0 && n < 1000 // 一万零七
	for _, u := range units {
		d := n / u.v
		n %= u.v
		switch {
		case d > 0:
			if zero {
				b.WriteRune('零')
				zero = false
			}
			if !(u.v == 10 && d == 1 && b.Len() == 0) { // 十五, not 一十五
				b.WriteRune(chineseDigits[d])
			}
			b.WriteRune(u.r)
		case b.Len() > 0:
			zero = true
		}
	}
	if n > 0 {
		if zero {
			b.WriteRune('零')
		}
		b.WriteRune(chineseDigits[n])
	}
	return b.String()
}

// TestChineseNumberRoundTrip checks that the copies' numerals normalise back: numbers
// below 万 to their digits, larger ones to digits around 万 as outlets write them.
func TestChineseNumberRoundTrip(t *testing.T) {
	for _, n := range []int{1, 9, 10, 15, 20, 100, 101, 110, 1000, 1007, 1107, 2023, 10000, 10001, 35000, 99999} {
		want := strconv.Itoa(n)
		if n >= 10_000 {
			want = strconv.Itoa(n/10_000) + "万"
			if n%10_000 != 0 {
				want += strconv.Itoa(n % 10_000)
			}
		}
		if got := Normalize(chineseNumber(n)); got != want {
			t.Errorf("Normalize(%s) = %s, want %s", chineseNumber(n), got, want)
		}
	}
}

// evaluate returns the share of injected pairs that share a group, and the groups that
// mix documents of different families.
func (c *synthCorpus) evaluate(groups []Group) (recall float64, falseGroups []Group) {
	groupOf := map[int64]int{}
	for gi, g := range groups {
		fam := c.family[g.Canonical]
		mixed := false
		for _, m := range g.Members {
			groupOf[m.ID] = gi
			mixed = mixed || c.family[m.ID] != fam
		}
		if mixed {
			falseGroups = append(falseGroups, g)
		}
	}
	found := 0
	for _, p := range c.pairs {
		ga, okA := groupOf[p[0]]
		gb, okB := groupOf[p[1]]
		if okA && okB && ga == gb {
			found++
		}
	}
	return float64(found) / float64(len(c.pairs)), falseGroups
}

// TestInjectedCopies checks recall and the absence of false groups on a corpus small enough
// for every test run; BenchmarkGroup100k does the same at scale.
func TestInjectedCopies(t *testing.T) {
	c := newSynthCorpus(sentencePool(t), 3000, 0.05, 7)
	groups, err := Find(c.docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	recall, falseGroups := c.evaluate(groups)
	if recall < 0.99 {
		t.Errorf("recall of %d injected copies = %.3f, want ≥ 0.99", len(c.pairs), recall)
	}
	for _, g := range falseGroups {
		t.Errorf("false group %+v", g)
	}
	if len(groups) != len(c.pairs) {
		t.Errorf("got %d groups, want %d", len(groups), len(c.pairs))
	}
	// Independent documents share a sentence now and then (a short truncated copy with one
	// long shared sentence reaches about 0.4); they must stay clearly below the threshold, or
	// a mixed group would say more about the generator than about the grouping.
	highest := c.highestUnrelated()
	if highest >= DefaultThreshold-0.1 {
		t.Errorf("independent documents reach similarity %.3f, want the generator to keep them below %.2f", highest, DefaultThreshold-0.1)
	}
	lowest := 1.0
	for _, g := range groups {
		for _, m := range g.Members {
			lowest = min(lowest, m.Similarity)
		}
	}
	t.Logf("%d docs, %d injected copies: recall %.3f, lowest similarity of a copy %.3f, highest of independent documents sharing an anchor %.3f", len(c.docs), len(c.pairs), recall, lowest, highest)
}

// highestUnrelated is the highest similarity between documents of different families that
// share an anchor: how much text the generator lets independent documents share.
func (c *synthCorpus) highestUnrelated() float64 {
	sk := make([]sketch, len(c.docs))
	for i, d := range c.docs {
		sk[i] = newSketch(d) // docs[i].ID == i
	}
	idx := newAnchorIndex(sk, len(sk))
	highest := 0.0
	for i := range sk {
		for _, v := range sk[i].sample[:sk[i].anchors] {
			for _, j := range idx.postings(v) {
				if int(j) > i && c.family[i] != c.family[j] {
					highest = max(highest, similarity(&sk[i], &sk[j], 0))
				}
			}
		}
	}
	return highest
}

func BenchmarkGroup100k(b *testing.B) {
	c := newSynthCorpus(sentencePool(b), 100_000, 0.02, 1)
	size := 0
	for _, d := range c.docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	var groups []Group
	for b.Loop() {
		var err error
		if groups, err = Find(c.docs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	recall, falseGroups := c.evaluate(groups)
	sketchBytes := 0
	for _, d := range c.docs {
		s := newSketch(d)
		sketchBytes += int(unsafe.Sizeof(s)) + 4*cap(s.sample)
	}
	b.ReportMetric(float64(sketchBytes)/float64(len(c.docs)), "sketch-B/doc")
	b.ReportMetric(recall, "recall")
	b.ReportMetric(float64(len(falseGroups)), "false-groups")
	b.ReportMetric(float64(len(c.pairs)), "injected")
	if recall < 0.99 || len(falseGroups) > 0 {
		b.Errorf("recall %.4f with %d false groups, want ≥ 0.99 and none", recall, len(falseGroups))
	}
}
