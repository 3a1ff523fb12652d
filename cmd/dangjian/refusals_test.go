package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusals: each trap a new user fell into ends in a specific message and exit status,
// never in a misleading "no hits" or a success (README: "When dangjian refuses").
func TestRefusals(t *testing.T) {
	seeded := seeds(t)
	empty := filepath.Join(t.TempDir(), "typo")
	// A collection imported into but not rebuilt, and one with a document stored after
	// its last rebuild.
	unbuilt := t.TempDir()
	dj(t, "import", "--data", unbuilt, filepath.Join(shared, "seeds", "000_9cc716cc01e6bbdf.txt"))
	stale := t.TempDir()
	dj(t, "import", "--data", stale, filepath.Join(shared, "seeds", "000_9cc716cc01e6bbdf.txt"))
	dj(t, "rebuild", "--data", stale)
	dj(t, "import", "--data", stale, filepath.Join(shared, "seeds", "001_44a1bbc77daa91e9.txt"))
	outDir := t.TempDir()

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // the exact message (what follows "dangjian: ")
		stdout string // a prefix the output must have; "-" for no output at all
	}{
		{"search in a folder without a collection", []string{"search", "--data", empty, "党建"}, 1,
			"no collection at " + empty + " (import or crawl first)", "-"},
		{"rebuild in a folder without a collection", []string{"rebuild", "--data", empty}, 1,
			"no collection at " + empty + " (import or crawl first)", "-"},
		{"show in a folder without a collection", []string{"show", "--data", empty, "1"}, 1,
			"no collection at " + empty + " (import or crawl first)", "-"},
		{"export in a folder without a collection", []string{"export", "--data", empty, "metrics"}, 1,
			"no collection at " + empty + " (import or crawl first)", "-"},
		{"search before any rebuild", []string{"search", "--data", unbuilt, "党建"}, 1,
			unbuilt + ": no index: run `dangjian rebuild`", "-"},
		{"export before any rebuild", []string{"export", "--data", unbuilt, "initiatives"}, 1,
			"nothing extracted yet: run `dangjian rebuild`", "-"},
		{"search with documents stored after the rebuild", []string{"search", "--data", stale, "党建"}, 0,
			"dangjian: note: 1 document(s) stored since the last rebuild are not in these results; run `dangjian rebuild`\n", "1 hits"},
		{"a phrase with a space", []string{"search", "--data", seeded, `"述职 评议"`}, 0, "", "4 hits"},
		{"export to .xlsx as CSV", []string{"export", "--data", seeded, "initiatives", "-o", filepath.Join(outDir, "x.xlsx"), "--format", "csv"}, 2,
			"-o " + filepath.Join(outDir, "x.xlsx") + " names a .xlsx file but --format is csv: drop one, or make them agree", "-"},
		{"export into a missing folder", []string{"export", "--data", seeded, "initiatives", "-o", filepath.Join(outDir, "no", "x.csv")}, 1,
			"cannot write " + filepath.Join(outDir, "no", "x.csv") + ": no such file or directory", "-"},
		{"a negative limit", []string{"search", "--data", seeded, "--limit", "-1", "党建"}, 2,
			"invalid value \"-1\" for flag -limit: want a whole number of 1 or more\n", "-"},
		{"an XLSX export to the terminal", []string{"export", "--data", seeded, "metrics", "--format", "xlsx"}, 2,
			"an xlsx export needs -o FILE (it is not text for a terminal)", "-"},
		{"a province filter against the query's", []string{"search", "--data", seeded, "--province", "福建", "province:湖北 党建"}, 1,
			"the query asks for province:湖北 and the filter for province 福建: remove one of them", "-"},
		{"an import that refused a file", []string{"import", "--data", t.TempDir(), filepath.Join(outDir, "missing.txt")}, 1,
			"refused  " + filepath.Join(outDir, "missing.txt") + ": cannot read: no such file or directory\n1 file(s) refused", "0 added, 0 skipped (duplicate), 1 refused"},
		{"a mistyped command", []string{"serach", "党建"}, 2,
			"unknown command \"serach\" (did you mean search?); `dangjian help` lists the commands", "-"},
	}
	for _, tt := range tests {
		out, errOut, code := dj(t, tt.args...)
		if code != tt.code {
			t.Errorf("%s: exit %d, want %d (%s)", tt.name, code, tt.code, errOut)
		}
		// The flag package prints the command's usage after its message (ending in "\n");
		// every other refusal is its message alone.
		if tt.stderr != "" && (strings.HasSuffix(tt.stderr, "\n") && !strings.HasPrefix(errOut, tt.stderr) || !strings.HasSuffix(tt.stderr, "\n") && errOut != tt.stderr) {
			t.Errorf("%s: stderr\n%q\nwant\n%q", tt.name, errOut, tt.stderr)
		}
		switch {
		case tt.stdout == "-" && out != "":
			t.Errorf("%s: printed %q, want nothing (not even a byte-order mark)", tt.name, out)
		case tt.stdout != "-" && !strings.HasPrefix(out, tt.stdout):
			t.Errorf("%s: printed %.80q, want it to start %q", tt.name, out, tt.stdout)
		}
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("the read commands created %s (%v)", empty, err)
	}
	if _, err := os.Stat(filepath.Join(outDir, "x.xlsx")); !os.IsNotExist(err) {
		t.Errorf("the refused export wrote x.xlsx")
	}
	entries, _ := os.ReadDir(outDir)
	for _, e := range entries {
		t.Errorf("a refused export left %s behind", e.Name())
	}
}

// TestExportFileMode: an export file gets the mode any file the user creates gets (0666
// less the umask), or the mode of the file it replaces.
func TestExportFileMode(t *testing.T) {
	data := seeds(t)
	dir := t.TempDir()
	ref, err := os.Create(filepath.Join(dir, "reference"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Close()
	st, _ := os.Stat(ref.Name())
	file := filepath.Join(dir, "m.csv")
	if _, errOut, code := dj(t, "export", "--data", data, "metrics", "-o", file); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	if got, _ := os.Stat(file); got.Mode().Perm() != st.Mode().Perm() {
		t.Errorf("new export mode %v, want %v like any new file", got.Mode().Perm(), st.Mode().Perm())
	}
	if err := os.Chmod(file, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := dj(t, "export", "--data", data, "metrics", "-o", file); code != 0 {
		t.Fatalf("export again: exit %d: %s", code, errOut)
	}
	if got, _ := os.Stat(file); got.Mode().Perm() != 0o640 {
		t.Errorf("replaced export mode %v, want the old file's 0640", got.Mode().Perm())
	}
}
