package collection

import (
	"strings"
	"testing"
)

// TestConflictingFilters refuses a query whose own filter contradicts the options', and
// accepts two ways of naming the same province.
func TestConflictingFilters(t *testing.T) {
	c := seededCollection(t)
	_, err := c.Search(t.Context(), "四不两直 province:湖北", SearchOptions{Province: "福建"})
	if err == nil || !strings.Contains(err.Error(), "province:湖北 and the filter for province 福建") {
		t.Errorf("conflicting provinces: %v", err)
	}
	if _, err := c.Search(t.Context(), "四不两直 year:2023", SearchOptions{Year: "2022"}); err == nil {
		t.Error("conflicting years accepted")
	}
	res, err := c.Search(t.Context(), "四不两直 province:湖北省", SearchOptions{Province: "湖北"})
	if err != nil || res.Total == 0 {
		t.Errorf("the same province named twice: %v, %d hits", err, res.Total)
	}
}
