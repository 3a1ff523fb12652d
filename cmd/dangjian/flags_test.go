package main

import (
	"io"
	"slices"
	"strings"
	"testing"
)

// TestParseQueryWords: arguments that start with "-" but are no flag (query words such as
// -形式主义) are arguments; flags stand anywhere; "--" ends the flags; a value flag takes
// the next argument whatever it is.
func TestParseQueryWords(t *testing.T) {
	tests := []struct {
		args      string
		want      string // the positional arguments, joined by |
		json      bool
		limit     int
		wantError bool
	}{
		{"党建 -形式主义", "党建|-形式主义", false, 10, false},
		{"党建 -形式主义 --json", "党建|-形式主义", true, 10, false},
		{"--json 党建 -\"形式主义\"", "党建|-\"形式主义\"", true, 10, false},
		{"-- --json -x", "--json|-x", false, 10, false},
		{"党建 -- -json", "党建|-json", false, 10, false},
		{"--limit 3 党建", "党建", false, 3, false},
		{"--limit=4 党建 -province:湖北", "党建|-province:湖北", false, 4, false},
		{"党建 -", "党建|-", false, 10, false},
		{"--jsn 党建", "", false, 10, true},
		{"-nonsense 党建", "", false, 10, true},
	}
	for _, tt := range tests {
		fs, _ := newFlags("search", "QUERY", io.Discard)
		asJSON := fs.Bool("json", false, "")
		limit := fs.Int("limit", 10, "")
		got, err := parse(fs, strings.Fields(tt.args))
		if (err != nil) != tt.wantError {
			t.Errorf("parse(%s): error %v, want error %v", tt.args, err, tt.wantError)
			continue
		}
		if tt.wantError {
			continue
		}
		if strings.Join(got, "|") != tt.want || *asJSON != tt.json || *limit != tt.limit {
			t.Errorf("parse(%s) = %q json=%v limit=%d, want %q json=%v limit=%d", tt.args, got, *asJSON, *limit, tt.want, tt.json, tt.limit)
		}
	}
}

// TestSearchExcludedWordUnquoted: `search 党建 -形式主义` runs the README's exclusion
// query, as the quoted form does, and so does trend.
func TestSearchExcludedWordUnquoted(t *testing.T) {
	data := seeds(t)
	unquoted, errOut, code := dj(t, "search", "--data", data, "--json", "党建", "-形式主义")
	if code != 0 {
		t.Fatalf("search 党建 -形式主义: exit %d: %s", code, errOut)
	}
	quoted, _, _ := dj(t, "search", "--data", data, "--json", "党建 -形式主义")
	all, _, _ := dj(t, "search", "--data", data, "--json", "党建")
	if unquoted != quoted {
		t.Errorf("unquoted and quoted exclusion differ:\n%s\n%s", unquoted, quoted)
	}
	if unquoted == all {
		t.Errorf("-形式主义 excluded nothing: the seeds have passages that say 形式主义")
	}
	for _, cmd := range [][]string{{"trend", "党建", "-形式主义"}, {"search", "--", "-形式主义", "党建"}} {
		if _, errOut, code := dj(t, slices.Concat(cmd[:1], []string{"--data", data}, cmd[1:])...); code != 0 {
			t.Errorf("%v: exit %d: %s", cmd, code, errOut)
		}
	}
}
