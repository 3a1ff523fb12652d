package article

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
)

// headerLines is how many non-empty lines at the top of a text file count as
// its header, where the date and source of a reprint are stated.
const headerLines = 8

// maxHeadlineRunes is the longest line taken for a headline; longer first
// lines are paragraphs of a file that has no headline.
const maxHeadlineRunes = 60

var (
	// "(《人民日报》2024年06月07日第01版)" on a line of its own.
	creditLineRe = regexp.MustCompile(`^[（(]\s*《([^》\s]{2,16})》\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	// A dateline that states the year: "新华社北京2024年6月6日电".
	yearDatelineRe = regexp.MustCompile(`^[（(【\[]?\s*(?:据)?[\p{Han}]{2,12}?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日(?:电|讯)`)
	textMetaRe     = regexp.MustCompile(`^(作者|来源|出处|发布|时间|日期|编辑|责任编辑|记者|稿源)\s*[:：]`)
	markdownMarkRe = regexp.MustCompile(`^(#{1,6}\s*|>\s*)+`)
)

// FromText reads a plain-text or markdown file: decoded text with newlines
// normalised, the headline, and the date and source where the text states them.
func FromText(raw []byte, name string) (Article, error) {
	text, cs, err := Decode(raw, "")
	if err != nil {
		return Article{}, fmt.Errorf("article %s: %w", name, err)
	}
	text = normalizeNewlines(text)
	lines := strings.Split(text, "\n")
	a := Article{Text: text, Charset: cs}
	a.Title = headline(lines)
	a.Published = textDate(lines)
	a.Source = textSource(lines)
	a.Author = textAuthor(lines)
	return a, nil
}

// normalizeNewlines turns CR LF and CR into LF, trims trailing space on every
// line and drops trailing blank lines.
func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, isSpace)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// headerArea returns the first non-empty lines, trimmed.
func headerArea(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimFunc(l, isSpace); l != "" {
			out = append(out, l)
			if len(out) == headerLines {
				break
			}
		}
	}
	return out
}

// headline is the first meaningful line when it reads like a headline.
func headline(lines []string) string {
	for _, l := range headerArea(lines) {
		l = strings.TrimFunc(markdownMarkRe.ReplaceAllString(l, ""), isSpace)
		l = strings.TrimFunc(strings.Trim(l, "*_"), isSpace)
		switch {
		case !hasLetters(l):
			continue
		case textMetaRe.MatchString(l):
			continue
		case isDateLine(l):
			continue
		}
		if runeLen(l) > maxHeadlineRunes || strings.ContainsAny(lastRune(l), "。！？；…") || datelineRe.MatchString(l) || yearDatelineRe.MatchString(l) {
			return ""
		}
		return l
	}
	return ""
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) }) >= 0
}

func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}

// isDateLine reports a line that starts with a date ("2024-03-03 03:14 …").
func isDateLine(l string) bool {
	_, off, ok := findDate(l)
	return ok && off == 0
}

func textDate(lines []string) time.Time {
	for _, l := range lines {
		l = strings.TrimFunc(l, isSpace)
		if m := creditLineRe.FindStringSubmatch(l); m != nil {
			if t, ok := makeDate(m[2], m[3], m[4], "", "", ""); ok {
				return t
			}
		}
	}
	for _, l := range headerArea(lines) {
		if isDateLine(l) || textMetaRe.MatchString(l) || sourceRe.MatchString(l) {
			if t, _, ok := findDate(l); ok {
				return t
			}
		}
		if m := yearDatelineRe.FindStringSubmatch(l); m != nil {
			if t, ok := makeDate(m[1], m[2], m[3], "", "", ""); ok {
				return t
			}
		}
	}
	return time.Time{}
}

func textSource(lines []string) string {
	for _, l := range headerArea(lines) {
		if m := sourceRe.FindStringSubmatch(l); m != nil {
			if s := cleanSource(m[1]); s != "" {
				return s
			}
		}
	}
	for _, l := range lines {
		if m := creditLineRe.FindStringSubmatch(strings.TrimFunc(l, isSpace)); m != nil {
			return m[1]
		}
	}
	for _, l := range headerArea(lines) {
		if m := datelineRe.FindStringSubmatch(l); m != nil {
			return m[1]
		}
	}
	return ""
}

func textAuthor(lines []string) string {
	for _, l := range headerArea(lines) {
		if m := authorRe.FindStringSubmatch(l); m != nil {
			if a := cleanAuthor(m[1]); a != "" && a != "佚名" {
				return a
			}
		}
	}
	return ""
}
