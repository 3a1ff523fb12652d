package collection

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/internal/testdoc"
)

// TestImportPDFAndDOCX imports generated PDF and Word files in simplified and traditional
// characters through the same pipeline as text: titles, text and search all work.
func TestImportPDFAndDOCX(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing in CI (.ci/run installs poppler-utils)")
		}
		t.Skip("pdftotext is not installed (apt install poppler-utils)")
	}
	dir := t.TempDir()
	simplified := []string{"某县基层党建工作报告", "全县坚持“四不两直”方式开展调研，约谈村党组织书记120人。"}
	traditional := []string{"某縣基層黨建工作報告", "全縣堅持「四不兩直」方式開展調研，約談村黨組織書記130人。"}
	files := map[string][]byte{
		"report.pdf":      testdoc.PDF(simplified),
		"report-big5.pdf": testdoc.PDF(traditional),
		"report.docx":     testdoc.DOCX(append([]string{"某市党建|工作总结"}, simplified[1:]...)),
		"report-tw.docx":  testdoc.DOCX(append([]string{"某市黨建工作總結"}, traditional[1:]...)),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := rebuiltCollection(t, dir)
	ctx := context.Background()
	res, err := c.Search(ctx, "四不两直", SearchOptions{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Fatalf("四不两直 finds %d of the 4 files", res.Total)
	}
	titles := map[string]string{"report.pdf": simplified[0], "report-big5.pdf": traditional[0],
		"report.docx": "某市党建工作总结", "report-tw.docx": "某市黨建工作總結"}
	for _, h := range res.Hits {
		d, err := c.Store.Get(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(d.URL)
		if want := strings.TrimPrefix(filepath.Ext(name), "."); d.Format != want {
			t.Errorf("%s: format %q, want %s", name, d.Format, want)
		}
		if d.Title != titles[name] || !strings.Contains(d.Text, "方式") {
			t.Errorf("%s: title %q (want %q), text %q", name, d.Title, titles[name], d.Text)
		}
	}
	// Re-importing the same files adds nothing.
	sum, err := c.Import(ctx, []string{dir}, nil)
	if err != nil || sum.Added != 0 || sum.Skipped != 4 {
		t.Errorf("re-import: %+v, %v", sum, err)
	}
}
