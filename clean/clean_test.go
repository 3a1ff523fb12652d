package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLinesTable(t *testing.T) {
	tests := []struct {
		line   string
		reason string
	}{
		{"微信扫一扫|长按识别,进入读者交流群", ReasonWidget},
		{"分享到：", ReasonWidget},
		{"(责编：王某、李某)", ReasonWidget},
		{"Copyright © 2015-2024 某某网 版权所有", ReasonFooter},
		{"备案号:京ICP备12345678号-1", ReasonFooter},
		{"?", ReasonJunk},
		{"——", ReasonJunk},
		{"88香蕉高清国产在线观看免费-77夜夜人人爽-无码精品", ReasonSpam},
		{"湖北省委组织部组织开展“四不两直”调研,发现问题120个。", ""},
		{"关于我们党的建设,必须坚持问题导向,这是长期实践得出的结论。", ""},
		{"有辣味、动真格,党建“大考”直面问题", ""},
	}
	for _, tt := range tests {
		if got := classify(tt.line); got != tt.reason {
			t.Errorf("classify(%q) = %q, want %q", tt.line, got, tt.reason)
		}
	}
}

func TestLinkListAfterHeading(t *testing.T) {
	in := "正文第一段,内容很长很长。\n猜你喜欢\n机关党建的几点思考\n“讲政治”不是口号\n正文之后的一段很长的文字,它以句号结尾,说明链接列表已经结束了,应当保留下来继续显示。"
	kept, removed := Lines(in)
	if strings.Contains(kept, "猜你喜欢") || strings.Contains(kept, "机关党建的几点思考") {
		t.Errorf("link list kept: %q", kept)
	}
	if !strings.Contains(kept, "正文第一段") || !strings.Contains(kept, "应当保留下来继续显示") {
		t.Errorf("article text lost: %q", kept)
	}
	if len(removed) != 3 {
		t.Errorf("removed %d lines, want 3: %v", len(removed), removed)
	}
}

// TestSeedsKeepArticleText checks on the real seeds that every full sentence paragraph
// survives and that the known widget, link-list and spam lines go.
func TestSeedsKeepArticleText(t *testing.T) {
	files, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no seeds found in ../../shared/seeds")
	}
	all := ""
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		kept, removed := Lines(string(raw))
		for _, r := range removed {
			if strings.HasSuffix(r.Text, "。") && len([]rune(r.Text)) > 60 {
				t.Errorf("%s: removed an article paragraph (%s): %q", filepath.Base(f), r.Reason, r.Text)
			}
		}
		for _, line := range strings.Split(string(raw), "\n") {
			line = strings.TrimSpace(line)
			if len([]rune(line)) > 60 && strings.HasSuffix(line, "。") && !strings.Contains(kept, line) {
				t.Errorf("%s: paragraph missing from kept text: %q", filepath.Base(f), line)
			}
		}
		all += kept
	}
	for _, noise := range []string{"微信扫一扫", "猜你喜歡", "香蕉", "ICP备", "Copyright", "扩展阅读文章"} {
		if strings.Contains(all, noise) {
			t.Errorf("noise %q survived cleaning", noise)
		}
	}
}
