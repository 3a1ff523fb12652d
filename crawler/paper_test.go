package crawler

import (
	"strings"
	"testing"
	"time"
)

func TestLayoutURLsFollowTheSiteAcrossItsRedesign(t *testing.T) {
	w := PaperWalk{From: time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), First: 1, Last: 2}
	got, err := w.LayoutURLs()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"http://paper.people.com.cn/rmrb/html/2024-11/30/nbs.D110000renmrb_01.htm",
		"http://paper.people.com.cn/rmrb/html/2024-11/30/nbs.D110000renmrb_02.htm",
		"http://paper.people.com.cn/rmrb/pc/layout/202412/01/node_01.html",
		"http://paper.people.com.cn/rmrb/pc/layout/202412/01/node_02.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("layout URLs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []PaperWalk{
		{From: w.To, To: w.From, First: 1, Last: 1},
		{From: w.From, To: w.To, First: 0, Last: 1},
		{From: w.From, To: w.To, First: 3, Last: 2},
	} {
		if _, err := bad.LayoutURLs(); err == nil {
			t.Errorf("walk %+v accepted", bad)
		}
	}
}

func TestPaperPageOfURL(t *testing.T) {
	for u, want := range map[string]int{
		"http://paper.people.com.cn/rmrb/html/2021-06/08/nw.D110000renmrb_20210608_3-04.htm":  4,
		"http://paper.people.com.cn/rmrb/html/2015-02/10/nw.D110000renmrb_20150210_12-20.htm": 20,
		"http://paper.people.com.cn/rmrb/pc/content/202412/24/content_30045001.html":          0,
		"http://paper.people.com.cn/rmrb/html/2021-06/08/nbs.D110000renmrb_04.htm":            0,
	} {
		if got := PaperPageOfURL(u); got != want {
			t.Errorf("PaperPageOfURL(%s) = %d, want %d", u, got, want)
		}
	}
}
