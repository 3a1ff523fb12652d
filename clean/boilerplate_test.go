package clean

import (
	"fmt"
	"strings"
	"testing"
)

func TestBoilerplateLearnsSiteChrome(t *testing.T) {
	page := func(i int) string {
		return strings.Join([]string{
			"首页 | 时政 | 党建 | 评论",
			fmt.Sprintf("第%d篇：某县推进基层党建工作的做法", i),
			fmt.Sprintf("某县今年开展“红色堡垒”行动，走访党员%d人，解决问题%d个。", 100+i, 20+i),
			"本网站由某某日报社主办 未经授权禁止转载",
		}, "\n")
	}
	b := NewBoilerplate()
	for i := range 10 {
		b.Learn("example.cn", page(i))
	}
	b.Learn("other.cn", page(0)) // another site has seen the chrome once only
	kept, removed := b.Remove("example.cn", page(3))
	if strings.Contains(kept, "首页") || strings.Contains(kept, "主办") {
		t.Errorf("chrome kept: %q", kept)
	}
	if !strings.Contains(kept, "第3篇") || !strings.Contains(kept, "走访党员103人") {
		t.Errorf("article text lost: %q", kept)
	}
	if len(removed) != 2 || !strings.Contains(removed[0].Reason, "on 10 of 10 pages of example.cn") {
		t.Errorf("removed = %+v", removed)
	}
	if kept, removed := b.Remove("other.cn", page(0)); kept != page(0) || removed != nil {
		t.Errorf("a site with too few pages lost %v", removed)
	}
}

func TestBoilerplateSparesReprints(t *testing.T) {
	// Three reprints of one article on a site of twenty pages: their shared lines are on
	// fewer pages than the bounds ask for.
	b := NewBoilerplate()
	for i := range 17 {
		b.Learn("example.cn", fmt.Sprintf("报道%d\n内容%d。", i, i))
	}
	reprint := "湖北开展“四不两直”调研\n共发现问题120个。"
	for range 3 {
		b.Learn("example.cn", reprint)
	}
	if kept, removed := b.Remove("example.cn", reprint); kept != reprint || removed != nil {
		t.Errorf("reprint lines removed: %v", removed)
	}
}
