package doctext

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/internal/testdoc"
)

// needPDFTool skips where pdftotext is missing, except in CI, which installs it.
func needPDFTool(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing in CI (.ci/run installs poppler-utils)")
		}
		t.Skip("pdftotext is not installed (apt install poppler-utils)")
	}
}

func TestPDF(t *testing.T) {
	needPDFTool(t)
	for _, lines := range [][]string{
		{"湖北基层党建工作综述", "湖北坚持“四不两直”方式调研，约谈领导干部1107人。"},
		{"湖北基層黨建工作綜述", "湖北堅持「四不兩直」方式調研，約談領導幹部1107人。"},
	} {
		text, err := PDF(context.Background(), testdoc.PDF(lines))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lines {
			if !strings.Contains(text, l) {
				t.Errorf("PDF text lacks %q:\n%s", l, text)
			}
		}
	}
	if _, err := PDF(context.Background(), []byte("%PDF-1.4 not really")); err == nil || !strings.Contains(err.Error(), "not a readable PDF") {
		t.Errorf("a broken PDF: %v", err)
	}
	if _, err := PDF(context.Background(), testdoc.PDF([]string{""})); err == nil || !strings.Contains(err.Error(), "no text") {
		t.Errorf("a PDF without text: %v", err)
	}
}

func TestDOCX(t *testing.T) {
	text, err := DOCX(testdoc.DOCX([]string{"某县党建|工作报告", "全县开展“屋场夜话”860场。", "湖北堅持「四不兩直」\t調研。"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := "某县党建工作报告\n全县开展“屋场夜话”860场。\n湖北堅持「四不兩直」\t調研。\n"; text != want {
		t.Errorf("DOCX text %q, want %q", text, want)
	}
	for _, bad := range [][]byte{[]byte("not a zip"), testdoc.DOCX(nil)} {
		if _, err := DOCX(bad); err == nil {
			t.Errorf("DOCX(%.20q) read", bad)
		}
	}
}

// TestPDFWithoutTool says what to install when pdftotext is missing.
func TestPDFWithoutTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := PDF(context.Background(), testdoc.PDF([]string{"党建"})); !errors.Is(err, ErrNoPDFTool) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("without pdftotext: %v", err)
	}
}
