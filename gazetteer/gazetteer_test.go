package gazetteer

import (
	"fmt"
	"strings"
	"testing"
)

func names(ms []Match) string {
	var b []string
	for _, m := range ms {
		p := m.Province
		if p == "" && len(m.Candidates) > 0 {
			p = "?" + strings.Join(m.Candidates, "|")
		}
		b = append(b, fmt.Sprintf("%s/%s/%s", m.Name, m.Kind, p))
	}
	return strings.Join(b, " ")
}

func TestFind(t *testing.T) {
	g := New()
	tests := []struct{ text, want string }{
		{"广西壮族自治区党委组织部", "广西/province/广西"},
		{"彭水县委书记", "彭水县/place/重庆"},
		{"雄安新区党工委推行", "雄安新区/place/河北"},
		{"南京江北新区", "南京江北新区/place/江苏"},
		{"两江新区党工委", "两江新区/place/重庆"},
		{"崂山区推进", "崂山区/place/山东"},
		{"重庆市江北区", "重庆市江北区/place/重庆"},
		{"宁波江北区", "宁波江北区/place/浙江"},
		{"重庆江北区", "重庆江北区/place/重庆"},
		{"浙江、江北区", "浙江/province/浙江 江北区/place/?浙江|重庆"},
		{"北京协和医学院", "北京协和医学院/central/"},
		{"中国医学科学院北京协和医学院聚焦", "中国医学科学院北京协和医学院/central/"},
		{"国务院国资委党委选取", "国务院国资委党委/central/"},
		{"国家数字经济局成立", "国家数字经济局/central/"},
		{"国家和省局", ""},
		{"中国宏远集团", "中国宏远集团/central/"},
		{"推广西部经验", ""},
		{"确保山区学校", ""},
		{"华北京津冀", ""},
		{"內蒙古自治區", "内蒙古/province/内蒙古"},
		{"新疆和新疆生产建设兵团", "新疆/province/新疆 新疆生产建设兵团/province/新疆生产建设兵团"},
		{"海南藏族自治州", "海南藏族自治州/place/青海"},
		{"长治久安", ""},
		{"长治市", "长治市/place/山西"},
		{"各部门和中央机关", ""},
		{"中央财经委员会办公室组织", "中央财经委员会办公室/central/"},
		{"中央金融委员会指导", "中央金融委员会/central/"},
		{"全国注册会计师行业党委开展", "全国注册会计师行业党委/central/"},
		{"中国邮政储蓄银行党委在全行", "中国邮政储蓄银行党委/central/"},
		{"中国作家协会组织作家", "中国作家协会/central/"},
		{"国家档案局党组推行", "国家档案局党组/central/"},
		{"国家市场监督管理总局党组", "国家市场监督管理总局党组/central/"},
		{"中央企业党委书记", ""},
		{"全国基层党委", ""},
		{"国家层面部署", ""},
		{"中国特色世界一流大学", ""},
		{"国家统计局局长", "国家统计局/central/"},
	}
	for _, tt := range tests {
		if got := names(g.Find(tt.text)); got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestFindOffsets(t *testing.T) {
	g := New()
	text := "据悉,湖北省委、长沙市"
	ms := g.Find(text)
	rs := []rune(text)
	if len(ms) != 2 {
		t.Fatalf("got %d matches, want 2: %v", len(ms), ms)
	}
	for _, m := range ms {
		if got := string(rs[m.Start:m.End]); got != "湖北省" && got != "长沙市" {
			t.Errorf("match text %q at [%d,%d)", got, m.Start, m.End)
		}
	}
}

func TestProvince(t *testing.T) {
	g := New()
	tests := []struct{ in, want string }{
		{"广西壮族自治区", "广西"}, {"廣西", "广西"}, {"浙江省", "浙江"}, {"浙江", "浙江"},
		{"内蒙古自治区", "内蒙古"}, {"新疆生产建设兵团", "新疆生产建设兵团"}, {"重慶市", "重庆"}, {"长沙", ""},
	}
	for _, tt := range tests {
		got, ok := g.Province(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Province(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestProvinces(t *testing.T) {
	ps := New().Provinces()
	if len(ps) != 32 || ps[0] != "北京" || ps[30] != "新疆" || ps[31] != "新疆生产建设兵团" {
		t.Errorf("Provinces() = %v", ps)
	}
}

func TestTablesCoverEveryProvince(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range placesByProvince {
		seen[p.province] = true
	}
	for _, p := range provinces[:31] {
		if !seen[p.short] {
			t.Errorf("no places for %s", p.short)
		}
	}
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("浙江紧扣深化主题教育,推动彭水县、江北区各级党组织书记领办项目3000多个,中国商飞和国家税务总局开展述职评议考核。", 200)
	b.SetBytes(int64(len(text)))
	g := New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Find(text)
	}
}

func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		New()
	}
}
