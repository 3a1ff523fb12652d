package collection

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dangjian/dangjian/corpus"
)

// Web archives (WARC, ISO 28500) as Heritrix, wget --warc-file, the Wayback Machine and
// Webrecorder write them: a sequence of records, each a version line, named headers, a
// blank line and Content-Length bytes of content, then two line ends; a .warc.gz is the
// records gzipped one by one. Each response record holding an HTML page becomes a document,
// through the same decoding, extraction and cleaning as a crawled page.

// isWARC reports whether a file's name says it is a web archive.
func isWARC(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".warc.gz")
}

// maxWARCRecord bounds the content of one record that is read (a page, not a video).
const maxWARCRecord = MaxFileSize

// ImportWARC adds every HTML response of a web archive: its URL, its bytes as served
// (decoded by the charset its headers or markup declare, or by detection) and its date,
// the page's own or else the capture's. Records of other kinds (requests, metadata, images)
// are passed over; a page that cannot be read is refused and the next record read, while a
// record whose framing is broken is refused with its number and ends the reading, since
// nothing after it can be found.
func (c *Collection) ImportWARC(ctx context.Context, path string, report func(ImportEvent)) error {
	emit := func(ev ImportEvent) {
		if report != nil {
			report(ev)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		emit(ImportEvent{Path: path, Outcome: Refused, Reason: fmt.Sprintf("cannot read: %v", unwrapPathError(err))})
		return nil
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			emit(ImportEvent{Path: path, Outcome: Refused, Reason: fmt.Sprintf("not a gzipped web archive: %v", err)})
			return nil
		}
		defer gz.Close()
		r = gz
	}
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := readWARCRecord(br)
		if err == io.EOF {
			return nil
		}
		ref := fmt.Sprintf("%s record %d", path, n)
		if err != nil {
			emit(ImportEvent{Path: ref, Outcome: Refused, Reason: err.Error()})
			return nil // the framing is lost: nothing after it can be found
		}
		if rec.header["warc-type"] != "response" || !strings.HasPrefix(rec.header["content-type"], "application/http") {
			continue
		}
		uri := strings.Trim(rec.header["warc-target-uri"], "<>")
		doc, skip, err := warcDocument(rec, uri)
		if skip {
			continue
		}
		if err != nil {
			emit(ImportEvent{Path: uri, Outcome: Refused, Reason: fmt.Sprintf("%s: %v", ref, err)})
			continue
		}
		id, added, err := c.Store.Add(ctx, doc)
		if err != nil {
			return err
		}
		if !added {
			emit(ImportEvent{Path: uri, Outcome: Skipped, ID: id})
			continue
		}
		emit(ImportEvent{Path: uri, Outcome: Added, ID: id, Title: doc.Title})
	}
}

// warcRecord is one record: its named headers (lower-case names) and content.
type warcRecord struct {
	header  map[string]string
	content []byte
}

func readWARCRecord(br *bufio.Reader) (*warcRecord, error) {
	var line string
	for {
		l, err := br.ReadString('\n')
		if err == io.EOF && strings.TrimSpace(l) == "" {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("reading a record: %v", err)
		}
		if line = strings.TrimSpace(l); line != "" {
			break
		}
	}
	if !strings.HasPrefix(line, "WARC/") {
		return nil, fmt.Errorf("not a WARC record (it starts with %q)", truncateText(line, 40))
	}
	rec := &warcRecord{header: map[string]string{}}
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("a record's headers end early: %v", err)
		}
		l = strings.TrimRight(l, "\r\n")
		if l == "" {
			break
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("bad record header %q", truncateText(l, 40))
		}
		rec.header[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	}
	size, err := strconv.ParseInt(rec.header["content-length"], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("a record has no valid Content-Length (%q)", rec.header["content-length"])
	}
	if size > maxWARCRecord {
		if _, err := io.CopyN(io.Discard, br, size); err != nil {
			return nil, fmt.Errorf("a record ends early: %v", err)
		}
		rec.header["warc-type"] = "oversized" // passed over
		return rec, nil
	}
	rec.content = make([]byte, size)
	if _, err := io.ReadFull(br, rec.content); err != nil {
		return nil, fmt.Errorf("a record ends early: %v", err)
	}
	return rec, nil
}

// warcDocument reads the HTTP response a record holds. skip is set for what is not an
// HTML page that was served (an image, a redirect, a 404).
func warcDocument(rec *warcRecord, uri string) (doc *corpus.Document, skip bool, err error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.content)), nil)
	if err != nil {
		return nil, false, fmt.Errorf("not an HTTP response: %v", err)
	}
	defer resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	if resp.StatusCode != http.StatusOK || ct != "" && !strings.Contains(strings.ToLower(ct), "html") {
		return nil, true, nil
	}
	var body io.Reader = resp.Body
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, false, fmt.Errorf("the page is not the gzip it says it is: %v", err)
		}
		defer gz.Close()
		body = gz
	}
	raw, err := io.ReadAll(io.LimitReader(body, MaxFileSize))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, false, fmt.Errorf("reading the page: %v", err)
	}
	if ct == "" {
		ct = "text/html"
	}
	d, err := Parse(raw, uri, ct, "")
	if err != nil {
		return nil, false, err
	}
	if d.Published == "" {
		if t, err := time.Parse(time.RFC3339, rec.header["warc-date"]); err == nil {
			d.Published = t.UTC().Format("2006-01-02") // the capture's date, when the page states none
		}
	}
	return d, false, nil
}

func truncateText(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return s
}
