package collection

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/internal/goldscore"
)

// TestGoldEndToEnd scores what a user gets: the seeds imported and rebuilt, the
// tables exported as CSV through Export, read back and scored per document
// against every gold file, with the bars the held-back documents must pass.
// When Debian's opencc is installed it also runs the reference script
// ../shared/tools/score_extract.py on the same files and requires the same
// report.
func TestGoldEndToEnd(t *testing.T) {
	golds, _ := filepath.Glob(filepath.Join(shared, "gold", "*.json"))
	if len(golds) == 0 {
		t.Fatalf("no gold files in %s/gold", shared)
	}
	c := seededCollection(t)
	dir := t.TempDir()
	iniPath, metPath := filepath.Join(dir, "initiatives.csv"), filepath.Join(dir, "metrics.csv")
	ini := exportCSV(t, c, "initiatives", iniPath)
	met := exportCSV(t, c, "metrics", metPath)
	if len(ini) == 0 || len(met) == 0 {
		t.Fatalf("export gave %d initiatives and %d metrics", len(ini), len(met))
	}

	var want []string
	for _, path := range golds {
		g, err := goldscore.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		d := docPrefix(g.Doc)
		var ir []goldscore.InitiativeRow
		for _, r := range ini {
			if docPrefix(r["url"]) == d {
				ir = append(ir, goldscore.InitiativeRow{Actor: r["actor"], Province: r["province"], Name: r["initiative"]})
			}
		}
		var mr []goldscore.MetricRow
		for _, r := range met {
			if docPrefix(r["url"]) != d {
				continue
			}
			v, err := strconv.ParseFloat(r["value"], 64)
			if err != nil {
				t.Fatalf("metric value %q: %v", r["value"], err)
			}
			mr = append(mr, goldscore.MetricRow{Actor: r["actor"], Province: r["province"], Value: v, Unit: r["unit"]})
		}
		s := goldscore.Score(g, ir, mr)
		line := d + ": " + s.String()
		want = append(want, line)
		t.Log(line)
		for _, m := range s.Misses {
			t.Log("  missed " + m)
		}
		for _, e := range s.Extras {
			t.Log("  extra " + e)
		}
		if !s.Meets(goldscore.HeldBackBar()) {
			t.Errorf("%s below the bar (actors ≥ 0.95, initiatives ≥ 0.90, metrics ≥ 0.90)", g.Doc)
		}
	}

	if _, err := exec.LookPath("opencc"); err != nil {
		t.Log("opencc not installed (apt-get install -y opencc): reference script not run")
		return
	}
	args := append([]string{filepath.Join(shared, "tools", "score_extract.py"), iniPath, metPath}, golds...)
	cmd := exec.Command("/usr/bin/python3", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score_extract.py: %v\n%s%s", err, out, stderr.String())
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if !strings.HasPrefix(line, "worst ") {
			got = append(got, line)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reference script disagrees:\ngot\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// docPrefix names the document of a gold file or an export row's url the way
// the reference script does: the first three characters of the base name.
func docPrefix(ref string) string {
	b := filepath.Base(ref)
	if r := []rune(b); len(r) > 3 {
		return string(r[:3])
	}
	return b
}

// exportCSV exports a table as CSV into path and reads it back as maps from column to cell.
func exportCSV(t *testing.T, c *Collection, table, path string) []map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Export(context.Background(), table, ExportOptions{Format: "csv"}, &buf); err != nil {
		t.Fatalf("export %s: %v", table, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("export %s: not CSV: %v", table, err)
	}
	if len(recs) == 0 {
		t.Fatalf("export %s: no header", table)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, col := range recs[0] {
			m[col] = rec[i]
		}
		out = append(out, m)
	}
	return out
}
