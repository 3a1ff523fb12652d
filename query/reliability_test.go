package query

import (
	"strings"
	"testing"
)

func TestCheckYear(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2023", true},
		{"2020..2023", true},
		{"1900..2100", true},
		{"1000..2000", false},
		{"0000..9999", false},
		{"2023..2020", false},
		{"0000 00000", false},
		{"23", false},
		{"２０２３", false},
		{"", false},
	}
	for _, tt := range tests {
		if err := CheckYear(tt.in); (err == nil) != tt.ok {
			t.Errorf("CheckYear(%q) = %v, want ok %v", tt.in, err, tt.ok)
		}
		if strings.Contains(tt.in, " ") {
			continue // in query text a space ends the filter
		}
		if _, err := Parse("year:" + tt.in + " 党建"); (err == nil) != tt.ok {
			t.Errorf("Parse(year:%s) error %v, want ok %v", tt.in, err, tt.ok)
		}
	}
}
