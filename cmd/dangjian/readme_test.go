package main

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/collection"
	"github.com/dangjian/dangjian/sample"
	"github.com/dangjian/dangjian/web"
)

// The README's examples are runs of the real binary: every code block with a `$ dangjian`
// line is marked by the comment before it, and TestREADMEExamples runs the marked ones
// and compares what they print with what the README shows.
//
//	<!-- example: seeds -->   a data directory with the seeds imported and rebuilt
//	<!-- example: corpora --> the same with the 88 reports of ../shared/corpora
//	<!-- example: fresh -->   an empty data directory, the block's commands in order
//	<!-- example: sample -->  an empty data directory and the sample site served on loopback
//	                          (the README's http://127.0.0.1:8000 is the test server's address)
//	<!-- example: skip WHY --> not run (it needs the network, or writes files): WHY says so
//
// Commands run from the repository root with DANGJIAN_DATA set. In the shown output a line
// "…" stands for any lines, and "…" inside a line for any text.

// readmeExample is one code block of commands.
type readmeExample struct {
	line  int    // of the block's opening fence
	env   string // seeds, fresh or skip
	steps []readmeStep
}

type readmeStep struct {
	args []string
	want []string // the lines the README shows after the command
}

var exampleMarkRe = regexp.MustCompile(`^<!-- example: (seeds|corpora|fresh|sample|api|skip)\b(.*)-->$`)

// readmeExamples reads the blocks with `$ dangjian` lines; a block without a mark, or a
// skip without a reason, is an error.
func readmeExamples(t *testing.T, text string) []readmeExample {
	t.Helper()
	lines := strings.Split(text, "\n")
	var out []readmeExample
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "```") {
			continue
		}
		start := i
		var body []string
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
			body = append(body, lines[i])
		}
		if !slices.ContainsFunc(body, func(l string) bool { return strings.HasPrefix(l, "$ dangjian ") || strings.HasPrefix(l, "curl ") }) {
			continue
		}
		mark := ""
		for j := start - 1; j >= 0; j-- {
			if strings.TrimSpace(lines[j]) != "" {
				mark = strings.TrimSpace(lines[j])
				break
			}
		}
		m := exampleMarkRe.FindStringSubmatch(mark)
		if m == nil {
			t.Errorf("README.md:%d: a block of commands without <!-- example: seeds|corpora|fresh|sample|api|skip WHY --> before it", start+1)
			continue
		}
		if m[1] == "skip" && strings.TrimSpace(m[2]) == "" {
			t.Errorf("README.md:%d: a skipped example must say why", start+1)
		}
		ex := readmeExample{line: start + 1, env: m[1]}
		for _, l := range body {
			if cmd, ok := strings.CutPrefix(l, "$ dangjian "); ok {
				ex.steps = append(ex.steps, readmeStep{args: shellWords(cmd)})
				continue
			}
			if strings.HasPrefix(l, "curl ") {
				ex.steps = append(ex.steps, readmeStep{args: shellWords(l)})
				continue
			}
			if ex.env == "api" && (strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "") {
				ex.steps = append(ex.steps, readmeStep{}) // a comment or a blank line ends a response
				continue
			}
			if len(ex.steps) > 0 {
				last := &ex.steps[len(ex.steps)-1]
				last.want = append(last.want, l)
			}
		}
		out = append(out, ex)
	}
	return out
}

// shellWords splits a command line as a shell would for the README's commands: words,
// single-quoted strings, and a trailing # comment.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			cur.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == '#' && !inWord:
			return words
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// matchShown reports whether got matches the README's lines, "…" standing for any lines
// on its own and for any text inside a line.
func matchShown(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if strings.TrimSpace(want[0]) == "…" {
		for k := 0; k <= len(got); k++ {
			if matchShown(want[1:], got[k:]) {
				return true
			}
		}
		return false
	}
	if len(got) == 0 || !lineRe(want[0]).MatchString(got[0]) {
		return false
	}
	return matchShown(want[1:], got[1:])
}

func lineRe(shown string) *regexp.Regexp {
	parts := strings.Split(strings.TrimRight(shown, " "), "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(`^` + strings.Join(parts, `.*`) + ` *$`)
}

func TestREADMEExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the README's examples")
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	examples := readmeExamples(t, string(raw))
	run := 0
	for _, ex := range examples {
		if ex.env != "skip" {
			run++
		}
	}
	if run < 10 {
		t.Fatalf("%d README examples run; the README has more than that", run)
	}
	bin, err := crashBinary()
	if err != nil {
		t.Fatal(err)
	}
	root := readmeWorkdir(t)
	for _, ex := range examples {
		if ex.env == "skip" || ex.env == "api" {
			continue
		}
		data := t.TempDir()
		prepare := map[string][]string{"seeds": {"../shared/seeds"}, "corpora": {"../shared/corpora/government_work_reports.jsonl", "../shared/corpora/cpc_congress_reports.jsonl"}}[ex.env]
		if prepare != nil {
			for _, args := range [][]string{append([]string{"import"}, prepare...), {"rebuild"}} {
				if out, err := readmeRun(bin, root, data, args); err != nil {
					t.Fatalf("README.md:%d: preparing the %s: %v\n%s", ex.line, ex.env, err, out)
				}
			}
		}
		site := "http://127.0.0.1:8000"
		if ex.env == "sample" {
			srv := httptest.NewServer(sample.Handler())
			defer srv.Close()
			site = srv.URL
		}
		for _, st := range ex.steps {
			if strings.Contains(strings.Join(st.args, " "), "sample/reports") && !havePDFTool(t) {
				continue
			}
			args := make([]string, len(st.args))
			for i, a := range st.args {
				args[i] = strings.ReplaceAll(a, "http://127.0.0.1:8000", site)
			}
			out, _ := readmeRun(bin, root, data, args)
			out = bytes.ReplaceAll(out, []byte(site), []byte("http://127.0.0.1:8000"))
			out = bytes.TrimPrefix(out, []byte("\uFEFF")) // a CSV export's byte-order mark, which the README does not show
			got := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
			if len(got) == 1 && got[0] == "" {
				got = nil
			}
			if !matchShown(st.want, got) {
				t.Errorf("README.md:%d: `dangjian %s` prints\n%s\nbut the README shows\n%s", ex.line, strings.Join(st.args, " "),
					strings.Join(got, "\n"), strings.Join(st.want, "\n"))
			}
		}
	}
}

// readmeWorkdir is where the examples run: a folder that looks like the checkout to them
// (sample/ and ../shared in their places) but takes the files they write, such as
// `export -o metrics.xlsx`.
func readmeWorkdir(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	shared, err := filepath.Abs(filepath.Join(repo, "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	work := filepath.Join(tmp, "checkout")
	for _, err := range []error{
		os.Symlink(shared, filepath.Join(tmp, "shared")),
		os.Mkdir(work, 0o755),
		os.Symlink(filepath.Join(repo, "sample"), filepath.Join(work, "sample")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return work
}

// readmeRun runs one README command as a reader would, from the checkout.
func readmeRun(bin, root, data string, args []string) ([]byte, error) {
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "DANGJIAN_DATA="+data, "NO_COLOR=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.Bytes(), err
}

func TestMatchShown(t *testing.T) {
	tests := []struct {
		want, got string
		ok        bool
	}{
		{"a\nb", "a\nb", true},
		{"a\n…\nd", "a\nb\nc\nd", true},
		{"a\n…", "a", true},
		{"x … y", "x 12 y", true},
		{"a\nb", "a\nc", false},
		{"a", "a\nb", false},
		{"[1] 标题", "[1] 标题  ", true},
	}
	for _, tt := range tests {
		if got := matchShown(strings.Split(tt.want, "\n"), strings.Split(tt.got, "\n")); got != tt.ok {
			t.Errorf("matchShown(%q, %q) = %v", tt.want, tt.got, got)
		}
	}
	if w := shellWords(`facts 'kind:metric value:>1000' --json # a comment`); strings.Join(w, "|") != "facts|kind:metric value:>1000|--json" {
		t.Errorf("shellWords: %q", w)
	}
}

// TestREADMEAPIExamples sends the README's curl requests to the web server over the seeds
// and checks that each answers 200 and holds every plain value the README shows after it
// ("total": 1, "status": "ok"); downloads (curl -OJ) must offer the file name the README
// gives in the comment above them.
func TestREADMEAPIExamples(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var requests int
	srv := httptest.NewServer(seededServer(t))
	defer srv.Close()
	scalar := regexp.MustCompile(`"(\w+)": ("[^"…]*"|-?[0-9][0-9.]*|true|false|null)`)
	for _, ex := range readmeExamples(t, string(raw)) {
		if ex.env != "api" {
			continue
		}
		for _, st := range ex.steps {
			if len(st.args) == 0 {
				continue
			}
			requests++
			req, download := curlRequest(t, srv.URL, st.args)
			resp, err := http.Get(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("README.md:%d: %s: status %d: %.200s", ex.line, strings.Join(st.args, " "), resp.StatusCode, body)
				continue
			}
			if download && !strings.Contains(resp.Header.Get("Content-Disposition"), `filename="dangjian-`) {
				t.Errorf("README.md:%d: %s offers no file name: %q", ex.line, strings.Join(st.args, " "), resp.Header.Get("Content-Disposition"))
			}
			for _, m := range scalar.FindAllStringSubmatch(strings.Join(st.want, "\n"), -1) {
				if !strings.Contains(string(body), m[0]) {
					t.Errorf("README.md:%d: %s: the answer lacks %s:\n%.600s", ex.line, strings.Join(st.args, " "), m[0], body)
				}
			}
		}
	}
	if requests < 5 {
		t.Fatalf("%d README API requests; the README shows more", requests)
	}
}

// curlRequest turns the README's curl arguments into the URL they ask for.
func curlRequest(t *testing.T, base string, args []string) (string, bool) {
	t.Helper()
	var target string
	q := url.Values{}
	download := false
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-G":
		case a == "-OJ":
			download = true
		case (a == "-d" || a == "--data-urlencode") && i+1 < len(args):
			k, v, _ := strings.Cut(args[i+1], "=")
			q.Add(k, v)
			i++
		case strings.HasPrefix(a, "localhost:8080"):
			target = strings.Replace(a, "localhost:8080", base, 1)
		default:
			t.Fatalf("curl argument %q: the test does not know it", a)
		}
	}
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return target, download
}

// seededServer is the web server over a collection of the seeds.
func seededServer(t *testing.T) http.Handler {
	t.Helper()
	c, err := collection.Open(context.Background(), seeds(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s, err := web.New(c, web.Options{Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// havePDFTool reports whether pdftotext is installed; CI installs it, and a run without it
// there fails rather than skipping the PDF example.
func havePDFTool(t *testing.T) bool {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing in CI (.ci/run installs poppler-utils)")
		}
		t.Log("pdftotext is not installed: the README's PDF import example is not run")
		return false
	}
	return true
}
