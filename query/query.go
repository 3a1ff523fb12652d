// Package query parses dangjian's search language into a tree that the index evaluates.
//
// The language:
//
//	四不两直 述职评议考核        words separated by spaces (ASCII or U+3000) must all match
//	"三会一课 制度" “主题党日”   a phrase, in straight or Chinese quotes; a space in it stands for
//	                           nothing or a few spaces and punctuation marks (see MatchAt)
//	-形式主义 -"留痕 主义"       excludes documents with the word or phrase
//	红色物业 OR 物业党建          either term; OR (upper case) joins neighbouring terms into one group
//	province:湖北 year:2023     filters on province, year (also a range year:2020..2023) and source;
//	source:"人民日报 海外版"      a value may be quoted; a field given twice matches either value
//
// A word of the form NAME:VALUE, where NAME is made of ASCII letters, is always a
// filter; quote it ("http://…") to search for it as text. Traditional and
// simplified characters are not folded here: the index does that.
package query

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRunes is the longest query accepted, counted in characters other than spaces.
const MaxRunes = 256

// fields are the filter names, in the order String writes them.
var fields = []string{"province", "year", "source"}

// Query is a parsed search.
type Query struct {
	Terms   []Term              // positive terms, all must match (each Term may be an OR group)
	Exclude []Term              // no document with any of these matches
	Filters map[string][]string // field → accepted values, e.g. "year" → ["2020..2023"]
}

// Term is a word, a phrase, or a group of alternatives.
type Term struct {
	Text   string // the word or phrase; empty for an OR group
	Phrase bool   // Text was quoted: its spaces stand for nothing or separators (MatchAt)
	Any    []Term // for an OR group: the alternatives, each a word or phrase; empty otherwise
}

// Alternatives are the words or phrases any of which matches the term: those of an OR
// group, or the term itself.
func (t Term) Alternatives() []Term {
	if len(t.Any) > 0 {
		return t.Any
	}
	return []Term{t}
}

// token is one lexical unit of a query.
type token struct {
	text   string
	phrase bool   // text was quoted
	minus  bool   // preceded by -
	field  string // for a filter: the lower-case field name
}

// Parse parses a query. It fails on an unbalanced quote, an unknown field, a
// bad year, an exclusion or OR without a term, a blank query and a query longer
// than MaxRunes characters. A query of exclusions only parses; see Empty.
func Parse(s string) (*Query, error) {
	if n := utf8.RuneCountInString(strings.Map(dropSpace, s)); n > MaxRunes {
		return nil, fmt.Errorf("query: too long: %d characters, at most %d", n, MaxRunes)
	}
	toks, err := lex(s)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, errors.New("query: empty query")
	}
	q := &Query{}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case isOR(t):
			return nil, errors.New("query: OR needs a term on each side")
		case t.field != "":
			if err := q.addFilter(t.field, t.text); err != nil {
				return nil, err
			}
		case t.minus:
			q.Exclude = append(q.Exclude, Term{Text: t.text, Phrase: t.phrase})
		default:
			term := Term{Text: t.text, Phrase: t.phrase}
			for i+1 < len(toks) && isOR(toks[i+1]) {
				if i+2 >= len(toks) || toks[i+2].minus || toks[i+2].field != "" || isOR(toks[i+2]) {
					return nil, fmt.Errorf("query: OR after %q needs a word or phrase after it", t.text)
				}
				if len(term.Any) == 0 {
					term = Term{Any: []Term{term}}
				}
				term.Any = append(term.Any, Term{Text: toks[i+2].text, Phrase: toks[i+2].phrase})
				i += 2
			}
			q.Terms = append(q.Terms, term)
		}
	}
	return q, nil
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// isOR reports whether t is the OR operator: the bare upper-case word.
func isOR(t token) bool {
	return t.text == "OR" && !t.phrase && !t.minus && t.field == ""
}

// addFilter checks value and records it under field, once.
func (q *Query) addFilter(field, value string) error {
	if field == "year" {
		if err := CheckYear(value); err != nil {
			return err
		}
	}
	if q.Filters == nil {
		q.Filters = make(map[string][]string)
	}
	if !slices.Contains(q.Filters[field], value) {
		q.Filters[field] = append(q.Filters[field], value)
	}
	return nil
}

// MaxYearSpan is the widest year range a filter may name; each year is a term to match.
const MaxYearSpan = 200

// CheckYear accepts what a year filter may hold: a year (2023) or an inclusive range
// (2020..2023) of at most MaxYearSpan years. Callers that take a year outside the query
// text (a flag, a URL parameter) check it with this too.
func CheckYear(v string) error {
	from, to, isRange := strings.Cut(v, "..")
	if !isYear(from) || (isRange && (!isYear(to) || to < from)) {
		return fmt.Errorf("query: bad year %q: want a year such as 2023 or a range such as 2020..2023", v)
	}
	if isRange && atoi4(to)-atoi4(from) > MaxYearSpan {
		return fmt.Errorf("query: year range %q is wider than %d years", v, MaxYearSpan)
	}
	return nil
}

// atoi4 reads four ASCII digits.
func atoi4(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// lex splits s into tokens: words, quoted phrases, -exclusions and field:value filters.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		var t token
		if r == '-' {
			t.minus = true
			i += size
			if i == len(s) || startsSpace(s[i:]) {
				return nil, errors.New(`query: "-" must be followed by a word or phrase to exclude`)
			}
		}
		text, phrase, next, err := readText(s, i)
		if err != nil {
			return nil, err
		}
		t.text, t.phrase, i = text, phrase, next
		if !phrase {
			if field, ok := fieldName(text); ok {
				if err := t.toFilter(s, field, &i); err != nil {
					return nil, err
				}
			}
		}
		toks = append(toks, t)
	}
	return toks, nil
}

// toFilter turns a word "name:…" into a filter, reading a quoted value that follows the colon.
func (t *token) toFilter(s, field string, i *int) error {
	name := strings.ToLower(field)
	if !slices.Contains(fields, name) {
		return fmt.Errorf("query: unknown field %q in %q (fields: %s; quote the text to search for it)", field, t.text, strings.Join(fields, ", "))
	}
	if t.minus {
		return fmt.Errorf("query: a filter cannot be excluded: %q", "-"+t.text)
	}
	value := t.text[len(field):]
	_, colon := utf8.DecodeRuneInString(value)
	value = value[colon:]
	if value == "" && *i < len(s) && isOpenQuote(s[*i:]) {
		v, _, next, err := readText(s, *i)
		if err != nil {
			return err
		}
		value, *i = v, next
	}
	if value == "" {
		return fmt.Errorf("query: %s: needs a value", name)
	}
	t.field, t.text = name, value
	return nil
}

// readText reads a word or, at an opening quote, a phrase starting at byte i;
// it returns the text, whether it was quoted and the byte offset after it.
func readText(s string, i int) (text string, phrase bool, next int, err error) {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch r {
	case '"', '“':
		closer := "\""
		if r == '“' {
			closer = "”"
		}
		end := strings.Index(s[i+size:], closer)
		if end < 0 {
			return "", false, 0, fmt.Errorf("query: unbalanced quote: %c without %s", r, closer)
		}
		text = strings.TrimFunc(s[i+size:i+size+end], unicode.IsSpace)
		if text == "" {
			return "", false, 0, errors.New("query: empty phrase")
		}
		return text, true, i + size + end + len(closer), nil
	case '”':
		return "", false, 0, errors.New("query: unbalanced quote: ” without “")
	}
	end := i
	for end < len(s) && !startsSpace(s[end:]) && !isQuote(s[end:]) {
		_, n := utf8.DecodeRuneInString(s[end:])
		end += n
	}
	return s[i:end], false, end, nil
}

// fieldName returns NAME when word has the form NAME:… or NAME：… with NAME made of ASCII letters.
func fieldName(word string) (string, bool) {
	end := strings.IndexAny(word, ":：")
	if end <= 0 {
		return "", false
	}
	for _, c := range []byte(word[:end]) {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return "", false
		}
	}
	return word[:end], true
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func isOpenQuote(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“")
}

func isQuote(s string) bool {
	return isOpenQuote(s) || strings.HasPrefix(s, "”")
}

// Empty reports whether q has no positive terms and no filters, so it would
// match everything (apart from exclusions): callers should refuse to run it.
func (q *Query) Empty() bool {
	return len(q.Terms) == 0 && len(q.Filters) == 0
}

// String returns the canonical form of q: terms, exclusions, then filters in
// the order province, year, source, separated by single spaces. Parse(q.String()) equals q
// for every q that Parse returned.
func (q *Query) String() string {
	var parts []string
	for _, t := range q.Terms {
		parts = append(parts, t.String())
	}
	for _, t := range q.Exclude {
		parts = append(parts, "-"+t.String())
	}
	for _, f := range fields {
		for _, v := range q.Filters[f] {
			if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '“' || r == '”' }) {
				v = quote(v)
			}
			parts = append(parts, f+":"+v)
		}
	}
	return strings.Join(parts, " ")
}

// String returns the term as it is written in a query.
func (t Term) String() string {
	if len(t.Any) > 0 {
		alts := make([]string, len(t.Any))
		for i, a := range t.Any {
			alts[i] = a.String()
		}
		return strings.Join(alts, " OR ")
	}
	if t.Phrase {
		return quote(t.Text)
	}
	return t.Text
}

// quote puts text in the quotes it can be read back from: straight ones unless
// it contains a straight quote, in which case it came from Chinese quotes and
// cannot contain a closing ”.
func quote(text string) string {
	if strings.Contains(text, "\"") {
		return "“" + text + "”"
	}
	return "\"" + text + "\""
}
