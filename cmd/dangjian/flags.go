package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
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
// `dangjian search 四不两直 --json` works like `dangjian search --json 四不两直`.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &exitError{code: 0}
			}
			return nil, &exitError{code: 2}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
