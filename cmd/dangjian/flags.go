package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// newFlags makes a subcommand's flag set with the --data flag every command shares.
func newFlags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := os.Getenv("DANGJIAN_DATA")
	if def == "" {
		def = "dangjian-data"
	}
	data := fs.String("data", def, "data directory (corpus database and index)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: dangjian %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs, data
}

// parse reads flags wherever they stand among the arguments, so that
// `dangjian search 四不两直 --json` works like `dangjian search --json 四不两直`. An
// argument is a flag only if it looks like one (-name, --name, --name=value, with an ASCII
// name); anything else that starts with "-", such as the query word -形式主义, is an
// argument. Everything after "--" is an argument.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		name, hasValue, ok := flagName(a)
		if !ok {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		// A flag that takes a value takes the next argument, whatever it looks like
		// (--limit -1, --province -), as the flag package would.
		if f := fs.Lookup(name); f != nil && !hasValue && !isBoolFlag(f) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, &exitError{code: 0}
		}
		return nil, &exitError{code: 2}
	}
	return positional, nil
}

// flagNameRe is what a flag looks like after its dashes: an ASCII name, maybe =value.
var flagNameRe = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]*)(=.*)?$`)

// flagName reads the name of a flag-like argument.
func flagName(a string) (name string, hasValue, ok bool) {
	rest, found := strings.CutPrefix(a, "--")
	if !found {
		if rest, found = strings.CutPrefix(a, "-"); !found {
			return "", false, false
		}
	}
	m := flagNameRe.FindStringSubmatch(rest)
	if m == nil {
		return "", false, false
	}
	return m[1], m[2] != "", true
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// countFlag is a whole-number flag with a least value, so that --limit -1 is refused when
// it is read instead of meaning something nobody asked for.
type countFlag struct {
	p   *int
	min int
}

func (c countFlag) String() string {
	if c.p == nil {
		return "0"
	}
	return strconv.Itoa(*c.p)
}

func (c countFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < c.min {
		return fmt.Errorf("want a whole number of %d or more", c.min)
	}
	*c.p = n
	return nil
}

// countVar defines a countFlag: name's value goes to *p, value by default, at least least.
func countVar(fs *flag.FlagSet, p *int, name string, value, least int, usage string) {
	*p = value
	fs.Var(countFlag{p: p, min: least}, name, usage)
}
