package collection

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dangjian/dangjian/clean"
	"github.com/dangjian/dangjian/corpus"
)

// Record formats: a corpus collected elsewhere, one document per JSON line or CSV row.
var RecordFormats = []string{"jsonl", "csv"}

// recordFields are the fields of a document a record maps to, and the names a field
// has by default, tried in order.
var recordFields = map[string][]string{
	"title":  {"title", "headline", "标题", "题目"},
	"text":   {"text", "content", "body", "正文", "内容"},
	"date":   {"date", "published", "year", "time", "日期", "时间", "年份"},
	"url":    {"url", "link", "href", "链接", "网址"},
	"source": {"source", "publisher", "来源", "媒体"},
}

// ParseMapping reads --map: a comma-separated list of field=name (title=title,text=content,
// date=year,url=url). Fields left out keep their default names.
func ParseMapping(spec string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(spec) == "" {
		return m, nil
	}
	for _, part := range strings.Split(spec, ",") {
		field, name, ok := strings.Cut(strings.TrimSpace(part), "=")
		field, name = strings.TrimSpace(field), strings.TrimSpace(name)
		if !ok || field == "" || name == "" {
			return nil, fmt.Errorf("bad --map entry %q: want field=name, e.g. text=content", part)
		}
		if _, known := recordFields[field]; !known {
			return nil, fmt.Errorf("unknown field %q in --map (want title, text, date, url or source)", field)
		}
		m[field] = name
	}
	return m, nil
}

// RecordFormat returns the record format a file's name says (.jsonl, .ndjson, .csv), or "".
func RecordFormat(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".csv":
		return "csv"
	}
	return ""
}

// maxRecordLine is the longest JSON line read (a whole report on one line).
const maxRecordLine = MaxFileSize

// ImportRecords adds each record of a JSON Lines or CSV file as a document: its text
// decoded, cleaned and stored like an imported file's, with the title, date, URL and
// source the mapping names (see ParseMapping; empty fields take their default names). A
// bad record is reported with its line number and skipped; the others are stored, each in
// its own transaction, so an interrupted import keeps every record stored before it. A
// record stored before (the same text) is skipped as a duplicate.
func (c *Collection) ImportRecords(ctx context.Context, path, format string, mapping map[string]string, report func(ImportEvent)) (ImportSummary, error) {
	var sum ImportSummary
	emit := sum.counting(report)
	f, err := os.Open(path)
	if err != nil {
		emit(ImportEvent{Path: path, Outcome: Refused, Reason: fmt.Sprintf("cannot read: %v", unwrapPathError(err))})
		return sum, nil
	}
	defer f.Close()
	add := func(line int, raw []byte, rec map[string]string) error {
		ref := fmt.Sprintf("%s:%d", path, line)
		doc, err := recordDocument(path, line, raw, rec, mapping, format)
		if err != nil {
			emit(ImportEvent{Path: ref, Outcome: Refused, Reason: fmt.Sprintf("line %d: %v", line, err)})
			return nil
		}
		id, added, err := c.Store.Add(ctx, doc)
		if err != nil {
			return err
		}
		if !added {
			emit(ImportEvent{Path: ref, Outcome: Skipped, ID: id})
			return nil
		}
		emit(ImportEvent{Path: ref, Outcome: Added, ID: id, Title: doc.Title})
		return nil
	}
	switch format {
	case "jsonl":
		err = readJSONL(ctx, f, add)
	case "csv":
		err = readCSV(ctx, f, add)
	default:
		return sum, fmt.Errorf("unknown record format %q (want %s)", format, strings.Join(RecordFormats, " or "))
	}
	var bad *badFile
	if errors.As(err, &bad) {
		emit(ImportEvent{Path: path, Outcome: Refused, Reason: bad.msg})
		return sum, nil
	}
	return sum, err
}

// badFile is a file that cannot be read as records at all (not one bad record).
type badFile struct{ msg string }

func (e *badFile) Error() string { return e.msg }

func readJSONL(ctx context.Context, r io.Reader, add func(int, []byte, map[string]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), maxRecordLine)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return err
		}
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		raw = bytes.TrimPrefix(raw, []byte("\uFEFF"))
		var obj map[string]any
		if err := json.Unmarshal(raw, &obj); err != nil {
			if err := add(line, nil, map[string]string{"\x00error": "not a JSON object: " + err.Error()}); err != nil {
				return err
			}
			continue
		}
		rec := map[string]string{}
		for k, v := range obj {
			switch x := v.(type) {
			case string:
				rec[k] = x
			case float64:
				rec[k] = strconv.FormatFloat(x, 'f', -1, 64)
			case nil:
			default:
				b, _ := json.Marshal(x)
				rec[k] = string(b)
			}
		}
		if err := add(line, append([]byte(nil), raw...), rec); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return &badFile{msg: fmt.Sprintf("after line %d: %v", line, err)}
	}
	return nil
}

func readCSV(ctx context.Context, r io.Reader, add func(int, []byte, map[string]string) error) error {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return &badFile{msg: fmt.Sprintf("no header row: %v", err)}
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\uFEFF"))
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, err := cr.Read()
		line, _ := cr.FieldPos(0)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			if err := add(line, nil, map[string]string{"\x00error": "not a CSV row: " + err.Error()}); err != nil {
				return err
			}
			continue
		}
		rec := map[string]string{}
		for i, v := range row {
			if i < len(header) {
				rec[header[i]] = v
			}
		}
		var raw bytes.Buffer
		w := csv.NewWriter(&raw)
		w.Write(row)
		w.Flush()
		if err := add(line, raw.Bytes(), rec); err != nil {
			return err
		}
	}
}

// recordDocument turns one record into a document to store.
func recordDocument(path string, line int, raw []byte, rec, mapping map[string]string, format string) (*corpus.Document, error) {
	if msg, bad := rec["\x00error"]; bad {
		return nil, errors.New(msg)
	}
	get := func(field string) (string, string) {
		if name, ok := mapping[field]; ok {
			return strings.TrimSpace(rec[name]), name
		}
		for _, name := range recordFields[field] {
			if v := strings.TrimSpace(rec[name]); v != "" {
				return v, name
			}
		}
		return "", recordFields[field][0]
	}
	text, textName := get("text")
	if text == "" {
		return nil, fmt.Errorf("no text (field %q is missing or empty; name it with --map text=FIELD)", textName)
	}
	if !utf8.ValidString(text) {
		return nil, errors.New("the text is not valid UTF-8")
	}
	text = strings.TrimRight(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	title, _ := get("title")
	date, _ := get("date")
	if date == "" {
		date = congressYear(rec["congress"])
	}
	url, _ := get("url")
	source, _ := get("source")
	if url == "" {
		url = fmt.Sprintf("%s:%d", absPath(path), line) // the record's own place: re-importing finds it again
	}
	if title != "" && !strings.HasPrefix(text, title) {
		text = title + "\n" + text // the headline leads the text, as in an imported file
	}
	kept, removed := clean.Article(text)
	if strings.TrimSpace(kept) == "" {
		return nil, errors.New("nothing but page furniture (all lines removed by cleaning)")
	}
	return &corpus.Document{URL: url, Source: source, Title: title, Published: recordDate(date), Format: format,
		Charset: "utf-8", Raw: raw, Text: text, Clean: kept, Removed: removed, Relevant: true}, nil
}

var (
	isoDate = regexp.MustCompile(`^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?`)
	cnDate  = regexp.MustCompile(`^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?`)
)

// recordDate normalises a record's date to YYYY, YYYY-MM or YYYY-MM-DD; "" if it has none.
func recordDate(s string) string {
	for _, re := range []*regexp.Regexp{cnDate, isoDate} {
		m := re.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			continue
		}
		out := m[1]
		for _, part := range m[2:] {
			if part == "" {
				break
			}
			n, _ := strconv.Atoi(part)
			out += fmt.Sprintf("-%02d", n)
		}
		return out
	}
	return ""
}

// congressYears are the years of the National Congresses of the CPC, 1st to 20th: a
// record of a congress's report that gives its number and no date is dated by it.
var congressYears = []int{1921, 1922, 1923, 1925, 1927, 1928, 1945, 1956, 1969, 1973, 1977, 1982, 1987, 1992, 1997, 2002, 2007, 2012, 2017, 2022}

// congressYear returns the year of the congress numbered n ("1" to "20"), or "".
func congressYear(n string) string {
	k, err := strconv.Atoi(strings.TrimSpace(n))
	if err != nil || k < 1 || k > len(congressYears) {
		return ""
	}
	return strconv.Itoa(congressYears[k-1])
}
