// Command dangjian collects, searches and tabulates published Party-building reports.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/dangjian/dangjian/collection"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.msg != "" {
				fmt.Fprintln(os.Stderr, "dangjian:", ee.msg)
			}
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "dangjian:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a specific status, e.g. 2 for usage errors or 1 when an
// import refused some files (after every file was tried).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// command is one subcommand: its name, a one-line summary, and how to run it.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"import", "add files and folders (.txt .md .html .htm .pdf .docx, records, web archives) to the corpus", runImport},
		{"crawl", "fetch articles from the web politely into the corpus; resumable", runCrawl},
		{"rebuild", "recreate the index from the corpus, atomically", runRebuild},
		{"search", "search the corpus: dangjian search [flags] QUERY", runSearch},
		{"show", "show one document by id, URL or imported path", runShow},
		{"trend", "count passages by province × year: dangjian trend QUERY", runTrend},
		{"kwic", "keyword in context: every occurrence with its left and right context", runKWIC},
		{"facts", "search the extracted initiatives and metrics: dangjian facts 'kind:metric unit:人 value:>1000'", runFacts},
		{"spread", "how a named initiative spread: first year and document per province or place", runSpread},
		{"dups", "list the groups of near-duplicate documents (reprints), for review", runDups},
		{"export", "export initiatives or metrics as CSV, JSONL or XLSX", runExport},
		{"serve", "serve the JSON API and the web page (on loopback by default)", runServe},
		{"demo", "run the whole pipeline on the bundled sample, no network needed", runDemo},
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	args = moveGlobalData(args)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if near := nearestCommand(args[0]); near != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", near)
	}
	return &exitError{code: 2, msg: msg + "; `dangjian help` lists the commands"}
}

// nearestCommand is the command a typo most likely meant: within two edits (serach,
// expor, shwo), else "".
func nearestCommand(typed string) string {
	best, bestDist := "", 3
	for _, c := range commands() {
		if d := editDistance(strings.ToLower(typed), c.name); d < bestDist {
			best, bestDist = c.name, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps of neighbours
// that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// openExisting opens the collection a read command or a rebuild works on; a folder without
// one is refused, so that a mistyped --data is not taken for an empty collection.
func openExisting(ctx context.Context, dir string) (*collection.Collection, error) {
	c, err := collection.OpenExisting(ctx, dir)
	if errors.Is(err, collection.ErrNoCollection) {
		return nil, &exitError{code: 1, msg: err.Error()}
	}
	return c, err
}

// moveGlobalData lets --data stand before the command (dangjian --data DIR show 1), as
// scripts write it, by moving it behind the command where its flag set reads it.
func moveGlobalData(args []string) []string {
	var data []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if name != "data" {
			break
		}
		if hasValue {
			data, args = append(data, args[0]), args[1:]
		} else if len(args) > 1 {
			data, args = append(data, args[0], args[1]), args[2:]
		} else {
			break
		}
	}
	if len(data) == 0 || len(args) == 0 {
		return args
	}
	return append(append([]string{args[0]}, data...), args[1:]...)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: dangjian COMMAND [flags] [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --data DIR (default $DANGJIAN_DATA, else ./dangjian-data).")
	fmt.Fprintln(w, "Run `dangjian COMMAND -h` for the flags of a command.")
}

// noteUnindexed tells, on stderr, that results leave out documents stored since the last
// rebuild, so that "no hits" is not taken for "not in the corpus".
func noteUnindexed(ctx context.Context, c *collection.Collection, stderr io.Writer) {
	if n, err := c.Unindexed(ctx); err == nil && n > 0 {
		fmt.Fprintf(stderr, "dangjian: note: %d document(s) stored since the last rebuild are not in these results; run `dangjian rebuild`\n", n)
	}
}
