// Package benchcorpus assembles deterministic benchmark corpora of any size from real
// reports: paragraphs of the Congress and government work reports (and, when added, of
// other real texts such as the seed articles) recombined into documents, with dates and
// provinces varied.
package benchcorpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Doc is one generated document.
type Doc struct {
	Name      string // a file name, unique within a corpus
	Title     string
	Published string // YYYY-MM-DD
	Text      string // title line, a dateline and paragraphs separated by "\n"
}

// provinces are the short names that generated documents attribute paragraphs to.
var provinces = []string{"北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
	"安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
	"西藏", "陕西", "甘肃", "青海", "宁夏", "新疆"}

// Source is the paragraphs and titles of the real reports that documents are built from.
type Source struct {
	titles     []string
	paragraphs []string
}

// Load reads the JSONL report files in dir (../shared/corpora).
func Load(dir string) (*Source, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("benchcorpus: no *.jsonl reports in %s", dir)
	}
	s := &Source{}
	for _, f := range files {
		if err := s.read(f); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Source) read(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("benchcorpus: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r struct{ Title, Content string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("benchcorpus: %s: %w", path, err)
		}
		s.titles = append(s.titles, r.Title)
		s.addParagraphs(r.Content)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("benchcorpus: %s: %w", path, err)
	}
	return nil
}

// AddTexts adds the paragraphs of the plain-text files (*.txt) in dir, such as the seed
// articles in ../shared/seeds, to those documents are drawn from. Files are read in name
// order, so the same directory gives the same corpus.
func (s *Source) AddTexts(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("benchcorpus: no *.txt files in %s", dir)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("benchcorpus: %w", err)
		}
		s.addParagraphs(strings.ReplaceAll(string(raw), "\r\n", "\n"))
	}
	return nil
}

// addParagraphs keeps the lines of text long enough to read as paragraphs; shorter ones
// are headings, datelines and page furniture.
func (s *Source) addParagraphs(text string) {
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); utf8.RuneCountInString(p) >= 20 {
			s.paragraphs = append(s.paragraphs, p)
		}
	}
}

// Bytes is the size of the real text the documents are drawn from.
func (s *Source) Bytes() int {
	n := 0
	for _, p := range s.paragraphs {
		n += len(p) + 1
	}
	return n
}

// Generate calls emit with documents until their texts add up to size bytes. The same seed
// and size give the same documents.
func (s *Source) Generate(seed int64, size int, emit func(Doc) error) error {
	rng := rand.New(rand.NewSource(seed))
	total := 0
	for i := 0; total < size; i++ {
		d := s.doc(rng, i)
		total += len(d.Text)
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

func (s *Source) doc(rng *rand.Rand, i int) Doc {
	year := 2000 + rng.Intn(25)
	month, day := 1+rng.Intn(12), 1+rng.Intn(28)
	pv := provinces[rng.Intn(len(provinces))]
	title := fmt.Sprintf("%s%d年%s（第%d篇）", pv, year, strings.TrimSpace(s.titles[rng.Intn(len(s.titles))]), i+1)
	var b strings.Builder
	b.WriteString(title)
	fmt.Fprintf(&b, "\n%d-%02d-%02d 来源：%s日报\n", year, month, day, pv)
	// Consecutive paragraphs keep the flow of a real report; several runs make a document.
	for runs := 1 + rng.Intn(3); runs > 0; runs-- {
		start := rng.Intn(len(s.paragraphs))
		for j := 0; j < 3+rng.Intn(10) && start+j < len(s.paragraphs); j++ {
			p := s.paragraphs[start+j]
			if rng.Intn(3) == 0 {
				p = provinces[rng.Intn(len(provinces))] + "各地" + p
			}
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return Doc{Name: fmt.Sprintf("doc%06d.txt", i+1), Title: title,
		Published: fmt.Sprintf("%d-%02d-%02d", year, month, day), Text: b.String()}
}

// WriteFiles generates documents of about size bytes as text files in dir, as a crawl or
// an import would find them.
func (s *Source) WriteFiles(dir string, seed int64, size int) (files int, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("benchcorpus: %w", err)
	}
	err = s.Generate(seed, size, func(d Doc) error {
		files++
		return os.WriteFile(filepath.Join(dir, d.Name), []byte(d.Text), 0o644)
	})
	return files, err
}
