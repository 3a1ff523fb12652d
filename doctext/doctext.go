// Package doctext reads the text of the formats official reports are published in besides
// web pages: PDF, through poppler's pdftotext, and Word's .docx, from its XML.
package doctext

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// ErrNoPDFTool means pdftotext is not installed.
var ErrNoPDFTool = errors.New("reading PDF needs pdftotext (Debian and Ubuntu: apt install poppler-utils; macOS: brew install poppler)")

// maxText bounds the text taken from one file, as import bounds the file itself.
const maxText = 64 << 20

// pdfTimeout bounds one conversion: a hostile PDF must not stall an import.
const pdfTimeout = 60 * time.Second

// PDF returns the text of a PDF file's pages in reading order, one line per line of the
// page and a blank line between paragraphs as pdftotext sees them.
func PDF(ctx context.Context, raw []byte) (string, error) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPDFTool
	}
	f, err := os.CreateTemp("", "dangjian-*.pdf")
	if err != nil {
		return "", fmt.Errorf("pdf: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(raw); err != nil {
		f.Close()
		return "", fmt.Errorf("pdf: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("pdf: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, "-enc", "UTF-8", f.Name(), "-")
	cmd.Stdout, cmd.Stderr = &limitedBuffer{b: &out, n: maxText}, &limitedBuffer{b: &errOut, n: 4096}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("pdf: pdftotext took longer than %v", pdfTimeout)
		}
		return "", fmt.Errorf("pdf: not a readable PDF (%s)", firstLine(errOut.String(), err))
	}
	// pdftotext ends every page with a form feed.
	text := strings.ReplaceAll(out.String(), "\f", "\n")
	if strings.TrimSpace(text) == "" {
		return "", errors.New("pdf: no text in it (a scan needs OCR first)")
	}
	return text, nil
}

// firstLine picks pdftotext's first error line, else its first line, else err.
func firstLine(s string, err error) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for _, l := range lines {
		if strings.Contains(l, "Error") {
			return strings.TrimSpace(l)
		}
	}
	if lines[0] != "" {
		return lines[0]
	}
	return err.Error()
}

// limitedBuffer keeps the first n bytes written and discards the rest.
type limitedBuffer struct {
	b *bytes.Buffer
	n int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.n - l.b.Len(); room > 0 {
		l.b.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// DOCX returns the text of a Word document's body, a line per paragraph.
func DOCX(raw []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return "", fmt.Errorf("docx: not a Word document (%v)", err)
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			body = f
		}
	}
	if body == nil {
		return "", errors.New("docx: not a Word document (it has no word/document.xml)")
	}
	if body.UncompressedSize64 > maxText {
		return "", fmt.Errorf("docx: its text is larger than %d MB", maxText>>20)
	}
	rc, err := body.Open()
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	defer rc.Close()
	var out strings.Builder
	dec := xml.NewDecoder(io.LimitReader(rc, maxText))
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("docx: damaged document.xml (%v)", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				out.WriteByte('\t')
			case "br", "cr":
				out.WriteByte('\n')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				out.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				out.Write(t)
			}
		}
	}
	if strings.TrimSpace(out.String()) == "" {
		return "", errors.New("docx: no text in it")
	}
	return out.String(), nil
}
