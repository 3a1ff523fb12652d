package main

import "testing"

func TestShortAutonomous(t *testing.T) {
	tests := []struct{ in, want string }{
		{"彭水苗族土家族自治县", "彭水县"},
		{"石柱土家族自治县", "石柱县"},
		{"莫力达瓦达斡尔族自治旗", "莫力达瓦旗"},
		{"鄂伦春自治旗", ""},
		{"崂山区", ""},
	}
	for _, tt := range tests {
		if got := shortAutonomous(tt.in); got != tt.want {
			t.Errorf("shortAutonomous(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStartsWithRegion(t *testing.T) {
	regions := map[string]bool{"彭水县": true, "宁波": true}
	tests := []struct {
		in   string
		want bool
	}{
		{"湖南镇", true}, {"宁波路街道", true}, {"观音桥街道", false}, {"彭水县城街道", true},
	}
	for _, tt := range tests {
		if got := startsWithRegion(tt.in, regions); got != tt.want {
			t.Errorf("startsWithRegion(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
