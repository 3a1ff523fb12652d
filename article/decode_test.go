package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeFixtures(t *testing.T) {
	jsoup := "../../shared/html/jsoup_charset"
	tests := []struct {
		path, contentType, wantCharset, wantText string
	}{
		{"testdata/gbk_declared_utf8.html", "", "gb18030", "党组织围绕基层治理"},
		{"testdata/gbk_declared_utf8.html", "text/html; charset=UTF-8", "gb18030", "党组织围绕基层治理"},
		{"testdata/utf8_declared_gb2312.html", "", "utf-8", "党组织围绕基层治理"},
		{"testdata/utf8_declared_gb2312.html", "text/html; charset=gbk", "utf-8", "党组织围绕基层治理"},
		{"testdata/gb18030_no_meta.html", "", "gb18030", "群众满意度持续提升"},
		{"testdata/big5_no_meta.html", "", "big5", "黨組織圍繞基層治理"},
		{"testdata/big5_declared.html", "", "big5", "群眾滿意度持續提升"},
		{"testdata/gbk_text.txt", "", "gb18030", "调研组认为成效明显"},
		{filepath.Join(jsoup, "meta-charset-1.html"), "", "gb18030", "<body>新</body>"},
		{filepath.Join(jsoup, "meta-charset-2.html"), "", "gb18030", "<body>新</body>"},
		{filepath.Join(jsoup, "meta-charset-3.html"), "", "utf-8", "<body>新</body>"},
		{"../../shared/html/gne/people_1.html", "", "utf-8", "郑板桥"},
	}
	for _, tt := range tests {
		text, cs, err := Decode(readFixture(t, tt.path), tt.contentType)
		if err != nil || cs != tt.wantCharset || !strings.Contains(text, tt.wantText) {
			t.Errorf("Decode(%s, %q) = charset %q, err %v, contains %q: %v; want %q", tt.path, tt.contentType, cs, err, tt.wantText, strings.Contains(text, tt.wantText), tt.wantCharset)
		}
	}
}

func TestDecodeBOMs(t *testing.T) {
	const s = "<p>党建工作质效</p>"
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	tests := []struct {
		name        string
		raw         []byte
		contentType string
		want        string
	}{
		{"utf-8 BOM", append([]byte{0xef, 0xbb, 0xbf}, s...), "", "utf-8"},
		{"utf-8 BOM beats header", append([]byte{0xef, 0xbb, 0xbf}, s...), "text/html; charset=gbk", "utf-8"},
		{"utf-16le BOM", u16le, "", "utf-16le"},
		{"utf-16be BOM", u16be, "", "utf-16be"},
		{"utf-8 plain", []byte(s), "", "utf-8"},
		{"ascii with header", []byte("<p>hello</p>"), "text/html; charset=ISO-8859-1", "windows-1252"},
	}
	for _, tt := range tests {
		text, cs, err := Decode(tt.raw, tt.contentType)
		if err != nil || cs != tt.want || strings.HasPrefix(text, "\ufeff") {
			t.Errorf("%s: Decode = %q, %q, %v; want charset %q without BOM", tt.name, text, cs, err, tt.want)
		}
		if tt.want != "windows-1252" && text != s {
			t.Errorf("%s: text = %q, want %q", tt.name, text, s)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"white space", []byte(" \r\n\t \n"), ErrEmpty},
		{"bom only", []byte{0xef, 0xbb, 0xbf}, ErrEmpty},
		{"zip in .html", readFixture(t, "testdata/zip_magic.html"), ErrBinary},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ErrBinary},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), ErrBinary},
		{"nul bytes", []byte("<html>\x00\x00\x00</html>"), ErrBinary},
		{"control chars", []byte(strings.Repeat("\x01\x02\x03abc", 50)), ErrBinary},
		{"random high bytes", []byte(strings.Repeat("\x80\xff\x81\x30\xfe\x7f", 40)), ErrUndecodable},
	}
	for _, tt := range tests {
		_, _, err := Decode(tt.raw, "")
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: Decode error = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestNormalizeCharset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GB2312", "gb18030"}, {"gbk", "gb18030"}, {"GB18030", "gb18030"}, {"x-gbk", "gb18030"},
		{"UTF8", "utf-8"}, {"utf-8", "utf-8"}, {"Big5", "big5"}, {"big5-hkscs", "big5"},
		{"shift_jis", "shift_jis"}, {"no-such-charset", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := normalizeCharset(tt.in); got != tt.want {
			t.Errorf("normalizeCharset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
