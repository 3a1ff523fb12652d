package collection

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// warcRecordBytes frames one record.
func warcRecordBytes(typ, uri, date string, content []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%d>\r\n", typ, uri, date, len(content))
	ct := "application/http; msgtype=response"
	if typ == "request" {
		ct = "application/http; msgtype=request"
	}
	if typ == "warcinfo" {
		ct = "application/warc-fields"
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, len(content))
	b.Write(content)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, contentType string, body []byte, extra string) []byte {
	return []byte(fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n", status, contentType, extra, len(body)) + string(body))
}

// TestImportWARC imports a generated web archive, plain and gzipped record by record:
// a GBK page and a UTF-8 page become documents with their text, URL and date; requests,
// images and a 404 are passed over; importing again adds nothing.
func TestImportWARC(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<html><head><title>湖北机关党建观察</title></head><body><h1>湖北机关党建观察</h1><div class="article"><p>2024-03-05 来源：湖北日报</p><p>湖北省直机关开展“四不两直”调研，深入基层党支部一百二十个，发现并整改问题三百余条。调研组还同基层党员座谈，听取意见建议。</p></div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	utf := []byte(`<html><head><meta charset="utf-8"><title>浙江推进红色根脉强基工程</title></head><body><h1>浙江推进红色根脉强基工程</h1><div class="article"><p>浙江深化“红色根脉强基工程”，全省村级党组织全部完成规范化建设，培训党员干部一万二千人次，基层组织力明显增强。</p></div></body></html>`)
	records := [][]byte{
		warcRecordBytes("warcinfo", "", "2024-06-01T08:00:00Z", []byte("software: test\r\n")),
		warcRecordBytes("request", "http://hb.test/a.html", "2024-06-01T08:00:01Z", []byte("GET /a.html HTTP/1.1\r\nHost: hb.test\r\n\r\n")),
		warcRecordBytes("response", "http://hb.test/a.html", "2024-06-01T08:00:01Z", httpResponse("200 OK", "text/html; charset=gbk", gbk, "")),
		warcRecordBytes("response", "http://zj.test/b.html", "2024-06-02T09:30:00Z", httpResponse("200 OK", "text/html", utf, "")),
		warcRecordBytes("response", "http://zj.test/logo.png", "2024-06-02T09:30:01Z", httpResponse("200 OK", "image/png", []byte("\x89PNG\r\n\x1a\n"), "")),
		warcRecordBytes("response", "http://zj.test/gone.html", "2024-06-02T09:30:02Z", httpResponse("404 Not Found", "text/html", []byte("<html>无此页</html>"), "")),
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "crawl.warc")
	if err := os.WriteFile(plain, bytes.Join(records, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	for _, r := range records {
		w := gzip.NewWriter(&gz)
		w.Write(r)
		w.Close()
	}
	zipped := filepath.Join(t.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(zipped, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, archive := range []string{plain, zipped} {
		ctx := context.Background()
		c, err := Open(ctx, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		var refused []string
		sum, err := c.Import(ctx, []string{archive}, func(ev ImportEvent) {
			if ev.Outcome == Refused {
				refused = append(refused, ev.Path+": "+ev.Reason)
			}
		})
		if err != nil || sum.Added != 2 || sum.Refused != 0 {
			t.Fatalf("%s: %+v, %v, refused %q; want 2 pages added", archive, sum, err, refused)
		}
		hb, err := c.Show(ctx, "http://hb.test/a.html")
		if err != nil {
			t.Fatal(err)
		}
		if hb.Title != "湖北机关党建观察" || !strings.Contains(hb.Text, "湖北省直机关开展“四不两直”调研") || hb.Charset != "gbk" && hb.Charset != "gb18030" ||
			hb.Published == nil || *hb.Published != "2024-03-05" {
			t.Errorf("GBK page stored as title %q charset %q published %v text %q", hb.Title, hb.Charset, hb.Published, hb.Text)
		}
		zj, err := c.Show(ctx, "http://zj.test/b.html")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(zj.Text, "浙江深化“红色根脉强基工程”") || zj.Published == nil || *zj.Published != "2024-06-02" {
			t.Errorf("UTF-8 page stored with published %v (want the capture's date) text %q", zj.Published, zj.Text)
		}
		again, err := c.Import(ctx, []string{archive}, nil)
		if err != nil || again.Added != 0 || again.Skipped != 2 {
			t.Errorf("%s again: %+v, %v", archive, again, err)
		}
		c.Close()
	}
	// A file that is not an archive is refused with what it starts with.
	bad := filepath.Join(dir, "bad.warc")
	os.WriteFile(bad, []byte("hello\n"), 0o644)
	c, _ := Open(context.Background(), t.TempDir())
	defer c.Close()
	var reason string
	c.Import(context.Background(), []string{bad}, func(ev ImportEvent) { reason = ev.Reason })
	if !strings.Contains(reason, "not a WARC record") {
		t.Errorf("a non-archive: %q", reason)
	}
}
