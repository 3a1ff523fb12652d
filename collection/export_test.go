package collection

import (
	"reflect"
	"testing"
)

func TestOncePerGroup(t *testing.T) {
	row := func(group, doc int64, key, url string) exportRow {
		return exportRow{group: group, key: key, row: &InitiativeRow{DocID: doc, URL: url, Initiative: key}}
	}
	rows := []exportRow{
		row(1, 4, "a", "copy"),      // a copy's row sorted first: the canonical's replaces it
		row(1, 1, "a", "canonical"), //
		row(1, 1, "b", "canonical"), // two statements of one document both stay
		row(1, 1, "b", "canonical"),
		row(1, 4, "b", "copy"),
		row(1, 4, "c", "copy"),  // only the copy has it: kept
		row(7, 7, "a", "other"), // another group's item with the same key: kept
	}
	var got []string
	for _, r := range oncePerGroup(rows) {
		ir := r.row.(*InitiativeRow)
		got = append(got, ir.Initiative+"@"+ir.URL+"+"+joinAlso(ir.AlsoIn))
	}
	want := []string{"a@canonical+copy", "b@canonical+copy", "b@canonical+", "c@copy+", "a@other+"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("oncePerGroup = %q, want %q", got, want)
	}
}

func joinAlso(urls []string) string {
	out := ""
	for _, u := range urls {
		out += u
	}
	return out
}
