package collection

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSiteBoilerplateIsLearnt: a line that a site repeats on every page, and that no fixed
// pattern knows, is removed at rebuild and shown as removed.
func TestSiteBoilerplateIsLearnt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for i := range 8 {
		text := fmt.Sprintf("第%d期工作简报\n栏目导航 · 组织工作 · 干部工作 · 人才工作\n"+
			"某县今年组织党员%d人开展“红色根脉”学习，形成调研报告%d篇。\n本简报由县委组织部编印\n", i, 300+i, 10+i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := newCollection(t)
	if _, err := c.Import(ctx, []string{dir}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"栏目导航", "本简报由县委组织部编印"} {
		if res, err := c.Search(ctx, q, SearchOptions{}); err != nil || res.Total != 0 {
			t.Errorf("search %q: %v hits, %v; want the site's chrome gone", q, res.Total, err)
		}
	}
	if res, err := c.Search(ctx, "红色根脉", SearchOptions{}); err != nil || res.Total != 8 {
		t.Errorf("article text: %v hits, %v; want 8", res.Total, err)
	}
	v, err := c.Show(ctx, filepath.Join(dir, "3.txt"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range v.Removed {
		if strings.Contains(r.Text, "栏目导航") && strings.HasPrefix(r.Reason, "site boilerplate (on 8 of 8 pages") {
			found = true
		}
	}
	if !found {
		t.Errorf("show lists removed %+v, want the navigation line as site boilerplate", v.Removed)
	}
}

func TestSiteOf(t *testing.T) {
	tests := []struct{ ref, want string }{
		{"http://www.people.com.cn/n1/2024/0607/c1-1.html", "people.com.cn"},
		{"https://Paper.People.com.cn/rmrb/x.html", "paper.people.com.cn"},
		{"../shared/seeds/000.txt", "../shared/seeds"},
	}
	for _, tt := range tests {
		if got := siteOf(tt.ref); got != tt.want {
			t.Errorf("siteOf(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}
