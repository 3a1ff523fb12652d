// Package pagescore scores extracted main text against hand-made gold text, as
// ../shared/tools/page_extract.py does, and lists the CWCED pages that carry such gold.
package pagescore

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// BigramF1 compares two texts as multisets of adjacent character pairs, white space removed.
func BigramF1(got, gold string) float64 {
	a, b := Bigrams(got), Bigrams(gold)
	na, nb, overlap := 0, 0, 0
	for g, n := range a {
		na += n
		overlap += min(n, b[g])
	}
	for _, n := range b {
		nb += n
	}
	if na == 0 || nb == 0 || overlap == 0 {
		return 0
	}
	p, r := float64(overlap)/float64(na), float64(overlap)/float64(nb)
	return 2 * p * r / (p + r)
}

// Bigrams counts the adjacent character pairs of a text, white space removed.
func Bigrams(s string) map[string]int {
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
	m := make(map[string]int, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		m[string(rs[i:i+2])]++
	}
	return m
}

// Page is one page of the CWCED dataset: the original HTML and its gold.
type Page struct {
	ID       string
	HTMLPath string
	Gold     string // the main text
	Date     string // YYYY-MM-DD, or "" when the gold gives none
}

var goldDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// CWCED lists the pages under dir (../shared/html/cwced), in file order.
func CWCED(dir string) ([]Page, error) {
	files, err := filepath.Glob(filepath.Join(dir, "original", "*.html"))
	if err != nil {
		return nil, err
	}
	var pages []Page
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".html")
		gold, err := os.ReadFile(filepath.Join(dir, "cleaned", id+".txt"))
		if err != nil {
			return nil, err
		}
		date, _ := os.ReadFile(filepath.Join(dir, "date", id+".txt"))
		pages = append(pages, Page{ID: id, HTMLPath: f, Gold: string(gold),
			Date: goldDate.FindString(strings.TrimSpace(string(date)))})
	}
	return pages, nil
}
