package article

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Sentinel errors that callers branch on (skip, refuse, report).
var (
	ErrEmpty       = errors.New("empty document")
	ErrBinary      = errors.New("binary content")
	ErrUndecodable = errors.New("undecodable text")
)

// metaScanLimit bounds how far into the page a charset declaration is looked for;
// browsers look at the first 1024 bytes, real pages put long comments first.
const metaScanLimit = 8192

var (
	metaCharsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`)
	xmlEncodingRe = regexp.MustCompile(`(?i)<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_\-.]+)`)
)

// binaryMagic lists file signatures of formats that are never text pages.
var binaryMagic = [][]byte{
	[]byte("%PDF-"),
	[]byte("PK\x03\x04"),
	[]byte("PK\x05\x06"),
	[]byte("\x89PNG\r\n\x1a\n"),
	[]byte("\xff\xd8\xff"),
	[]byte("GIF87a"),
	[]byte("GIF89a"),
	[]byte("\x1f\x8b"),
	[]byte("Rar!\x1a\x07"),
	[]byte("7z\xbc\xaf\x27\x1c"),
	[]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), // OLE2: .doc, .xls
	[]byte("RIFF"),
	[]byte("\x7fELF"),
	[]byte("BM"),
}

// Decode converts raw page or file bytes to UTF-8 text. The charset comes from
// the BOM, the Content-Type header, the HTML meta tag and content sniffing, in
// that order of trust, but a declaration that does not fit the bytes (a GBK page
// declared UTF-8 or the reverse) is overruled by a candidate that decodes cleanly.
func Decode(raw []byte, contentType string) (text string, charset string, err error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", "", fmt.Errorf("decode: %w", ErrEmpty)
	}
	if cs, body, ok := bomCharset(raw); ok {
		if len(body) == 0 {
			return "", "", fmt.Errorf("decode: %w", ErrEmpty)
		}
		t, bad := decodeWith(body, cs)
		if badRatio(bad, t) > 0.05 {
			return "", "", fmt.Errorf("decode %s with byte-order mark: %w", cs, ErrUndecodable)
		}
		return finishText(t, cs)
	}
	if err := checkBinary(raw); err != nil {
		return "", "", err
	}

	declared := charsetFromContentType(contentType)
	if declared == "" {
		declared = charsetFromMeta(raw)
	}
	cs, err := chooseCharset(raw, declared)
	if err != nil {
		return "", "", err
	}
	t, _ := decodeWith(raw, cs)
	return finishText(t, cs)
}

func finishText(t, cs string) (string, string, error) {
	t = strings.TrimPrefix(t, "\ufeff")
	if strings.TrimSpace(t) == "" {
		return "", cs, fmt.Errorf("decode: %w", ErrEmpty)
	}
	return t, cs, nil
}

func bomCharset(raw []byte) (string, []byte, bool) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xef, 0xbb, 0xbf}):
		return "utf-8", raw[3:], true
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}):
		return "utf-16le", raw[2:], true
	case bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		return "utf-16be", raw[2:], true
	}
	return "", nil, false
}

// checkBinary refuses content that is not text: known file signatures, NUL bytes
// or a noticeable share of control characters.
func checkBinary(raw []byte) error {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(raw, m) && !(len(m) <= 2 && looksLikeText(raw)) {
			return fmt.Errorf("decode: signature %q: %w", m, ErrBinary)
		}
	}
	head := raw
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return fmt.Errorf("decode: NUL byte: %w", ErrBinary)
	}
	if !looksLikeText(head) {
		return fmt.Errorf("decode: control characters: %w", ErrBinary)
	}
	return nil
}

// looksLikeText reports whether control characters other than ordinary white
// space are rare enough for the bytes to be text.
func looksLikeText(b []byte) bool {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	return ctl*100 <= len(b)
}

func charsetFromContentType(ct string) string {
	if ct == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(ct)
	if err != nil {
		// Lower-case ASCII only: strings.ToLower would turn an invalid byte into a
		// three-byte U+FFFD and shift the offsets into ct.
		if i := strings.Index(asciiLower(ct), "charset="); i >= 0 {
			return normalizeCharset(strings.Trim(ct[i+len("charset="):], `"' ;`))
		}
		return ""
	}
	return normalizeCharset(params["charset"])
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func charsetFromMeta(raw []byte) string {
	head := raw
	if len(head) > metaScanLimit {
		head = head[:metaScanLimit]
	}
	if m := metaCharsetRe.FindSubmatch(head); m != nil {
		return normalizeCharset(string(m[1]))
	}
	if m := xmlEncodingRe.FindSubmatch(head); m != nil {
		return normalizeCharset(string(m[1]))
	}
	return ""
}

// normalizeCharset maps a declared label to the name of the decoder used; the
// GB family decodes as GB18030, its superset. Unknown labels give "".
func normalizeCharset(label string) string {
	l := strings.ToLower(strings.TrimSpace(label))
	switch l {
	case "":
		return ""
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "chinese", "csgb2312", "iso-ir-58", "windows-936", "ms936":
		return "gb18030"
	case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5":
		return "big5"
	case "utf8", "utf-8", "unicode-1-1-utf-8":
		return "utf-8"
	}
	enc, err := htmlindex.Get(l)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return ""
	}
	switch name {
	case "gbk":
		return "gb18030"
	case "utf-16le", "utf-16be":
		// A page cannot really be UTF-16 without a BOM when its meta tag was readable as ASCII.
		return ""
	}
	return name
}

func encodingFor(cs string) encoding.Encoding {
	switch cs {
	case "utf-8":
		return unicode.UTF8
	case "gb18030":
		return simplifiedchinese.GB18030
	case "big5":
		return traditionalchinese.Big5
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	enc, err := htmlindex.Get(cs)
	if err != nil {
		return nil
	}
	return enc
}

// decodeWith decodes b and counts the bytes the charset could not map.
func decodeWith(b []byte, cs string) (string, int) {
	if cs == "utf-8" {
		if utf8.Valid(b) {
			return string(b), 0
		}
		bad := 0
		for i := 0; i < len(b); {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				bad++
			}
			i += n
		}
		return strings.ToValidUTF8(string(b), "\ufffd"), bad
	}
	enc := encodingFor(cs)
	if enc == nil {
		return "", len(b)
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", len(b)
	}
	before := bytes.Count(b, []byte("\xef\xbf\xbd")) // U+FFFD already present is not a decoding error
	return string(out), strings.Count(string(out), "\ufffd") - before
}

func badRatio(bad int, text string) float64 {
	if bad <= 0 {
		return 0
	}
	n := 0
	for _, r := range text {
		if r >= 0x80 {
			n++
		}
	}
	if n == 0 {
		return 1
	}
	return float64(bad) / float64(n)
}

// chooseCharset keeps the declared charset unless the bytes contradict it.
func chooseCharset(raw []byte, declared string) (string, error) {
	if isASCII(raw) {
		if declared == "" || encodingFor(declared) == nil {
			return "utf-8", nil
		}
		return declared, nil
	}
	utf8Multi, utf8Bad := utf8Stats(raw)
	// Valid multi-byte UTF-8 almost never arises by chance from GBK or Big5 bytes,
	// so it overrides any declaration.
	if utf8Multi > 0 && utf8Bad*1000 <= utf8Multi {
		return "utf-8", nil
	}
	if declared != "" && declared != "utf-8" && encodingFor(declared) != nil {
		t, bad := decodeWith(raw, declared)
		if badRatio(bad, t) <= 0.005 && !(declared == "gb18030" && preferBig5(raw)) {
			return declared, nil
		}
	}
	best, bestRatio := "", 1.0
	for _, cs := range []string{"gb18030", "big5", "utf-8"} {
		t, bad := decodeWith(raw, cs)
		r := badRatio(bad, t)
		if cs == "gb18030" && r <= 0.005 && preferBig5(raw) {
			continue
		}
		if r < bestRatio {
			best, bestRatio = cs, r
		}
	}
	if best == "" || bestRatio > 0.05 {
		return "", fmt.Errorf("decode: no charset fits (declared %q): %w", declared, ErrUndecodable)
	}
	return best, nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func utf8Stats(b []byte) (multi, bad int) {
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			multi++
		}
		i += n
	}
	return multi, bad
}

// preferBig5 tells Big5 text from GBK text, which both decoders accept: frequent
// GBK characters sit in the GB2312 block (both bytes 0xA1–0xFE), while frequent
// Big5 characters (lead 0xA4–0xC6) use trail bytes 0x40–0x7E about half the time.
func preferBig5(b []byte) bool {
	pairs, gbCore, big5Core, big5Bad := 0, 0, 0, 0
	for i := 0; i+1 < len(b); {
		c := b[i]
		if c < 0x81 || c == 0xff {
			i++
			continue
		}
		t := b[i+1]
		pairs++
		if c >= 0xa1 && c <= 0xf7 && t >= 0xa1 && t <= 0xfe {
			gbCore++
		}
		switch {
		case c >= 0xa1 && c <= 0xc6 && ((t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe)):
			big5Core++
		case (t < 0x40) || (t > 0x7e && t < 0xa1):
			big5Bad++
		}
		i += 2
	}
	if pairs < 4 || big5Bad*50 > pairs {
		return false
	}
	return float64(gbCore) < 0.85*float64(pairs) && big5Core > gbCore
}
