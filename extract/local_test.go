package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/hanzi"
)

func TestSubject(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"headline", "株洲市召开述职评议会\n会议听取了述职。全市推行“党建+网格”模式,划分网格4260个。", "株洲市/湖南 title"},
		{"headline with colon", "越秀区：以“令行禁止”引领治理\n区委组织部牵头组建突击队368支。全区推进改革。", "越秀区/广东 title"},
		{"nested names in the headline", "广州市越秀区委推进基层治理\n全区组建突击队368支。", "越秀区/广东 title"},
		{"lead", "近日,岳西县召开述职评议会,24个乡镇党委书记述职。全县新发展党员486名。", "岳西县/安徽 lead"},
		{"local paper's dateline", "本报昭通讯 会议听取述职。全市培训党员8.6万人次。市委组织部派出督查组12个。", "昭通/云南 dateline"},
		{"lead", "甘肃省委组织部推进行动。\n近年来,甘肃持续深化党建引领。\n全省培训党员干部3200余人。", "甘肃/甘肃 lead"},
		{"clause subjects", "记者从有关部门获悉,述职评议已经结束。\n近年来,甘肃持续深化党建引领。\n甘肃培训党员干部3200余人。", "甘肃/甘肃 subjects"},
		{"national review", "各地扎实开展述职评议\n江苏推行“一述两评”。山东组织现场述职。陕西纳入考核。河南探索擂台比武。", ""},
		{"agency dateline", "新华社北京1月26日电(记者 王明)已有21个省区市开展述职评议考核。江苏推行销号管理。山东组织现场述职。", ""},
		{"one mention without the text referring to itself", "吉林推行“红色物业”服务模式。同时,各地探索“小区议事厅”。", ""},
		{"a headline's actor the body contradicts", "学习借鉴浙江经验\n四川推进改革。四川新建阵地20个。成都打造示范片区。", "四川/四川 lead"},
	}
	for _, tt := range tests {
		res := testExtractor.Extract(tt.text)
		got := ""
		if res.SubjectWhy != "" {
			got = res.Subject.Name + "/" + res.Subject.Province + " " + res.SubjectWhy
		}
		if got != tt.want {
			t.Errorf("%s: subject %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDatelineNeverActs(t *testing.T) {
	text := "各地推进述职评议\n新华社北京1月26日电(记者 王明)截至1月下旬,已有21个省区市开展了述职评议考核。江苏梳理问题清单2100余条。山东组织17个市委书记现场述职。"
	if got, want := metricsOf(testExtractor.Extract(text)), "江苏:~2100条 山东:17个"; got != want {
		t.Errorf("metrics = %q, want %q", got, want)
	}
}

func TestUnlistedPlaces(t *testing.T) {
	text := "望京街道党工委推行“小院议事厅”\n街道在辖区22个社区建立议事厅。\n南湖东园社区探索“楼门长+党员”机制。\n北京街道创新“红棉议事会”,解决问题120多项。"
	res := testExtractor.Extract(text)
	if got, want := initiativesOf(res), "望京街道:小院议事厅 南湖东园社区:楼门长+党员 北京街道:红棉议事会"; got != want {
		t.Errorf("initiatives = %q, want %q", got, want)
	}
	for _, in := range res.Initiatives {
		if in.Actor.Province != "北京" {
			t.Errorf("%s lies in %q, want 北京", in.Actor.Name, in.Actor.Province)
		}
	}
}

func TestUnitsAndApproximations(t *testing.T) {
	tests := []struct{ text, want string }{
		{"昭通市11位县委书记逐一述职。", "昭通市:11位"},
		{"株洲开展培训32期,编印案例15篇,下发通报6份。", "株洲:32期 株洲:15篇 株洲:6份"},
		{"四川村书记学历占比比上届提高18.6个百分点。", "四川:18.6个百分点"},
		{"福建开展志愿服务12万余场次,走访群众近万户。", "福建:~120000场次 福建:~10000户"},
		{"醴陵市轮训村党组织书记近千人次,带动上千名党员参与。", "醴陵市:~1000人次 醴陵市:~1000名"},
		{"湖南投入资金一亿二千万元,新建阵地三千零五个。", "湖南:120000000元 湖南:3005个"},
		{"重庆安排专项经费3200万元,选派干部3000多名。", "重庆:32000000元 重庆:~3000名"},
		{"望京街道每名党员联系10户居民。", ""},
	}
	for _, tt := range tests {
		if got := metricsOf(testExtractor.Extract(tt.text)); got != tt.want {
			t.Errorf("metrics of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestParseChinese(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"十二", 12}, {"三千零五", 3005}, {"两万", 20000}, {"一亿二千万", 1.2e8}, {"二亿二千万", 2.2e8},
		{"三万五千", 35000}, {"一万亿", 1e12}, {"万", 1e4}, {"千", 1000}, {"一百零八", 108},
	}
	for _, tt := range tests {
		if got, _, ok := parseChinese([]rune(tt.in)); !ok || got != tt.want {
			t.Errorf("parseChinese(%s) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

// TestMetricValues reads the numerals the reports write, with their edges: 亿 and 万
// together, 零 inside, 余 after 万, 两, a bare 十二, a rate written out, decimals, and
// ranges (not a count of results: the report gives no single figure).
func TestMetricValues(t *testing.T) {
	tests := []struct {
		text   string
		value  float64 // 0: no metric
		unit   string
		approx bool
		figure string
	}{
		{"河南投入资金一亿二千万元。", 1.2e8, "元", false, "一亿二千万元"},
		{"四川新建村级活动场所三千零五个。", 3005, "个", false, "三千零五个"},
		{"湖北培训党员1.2万余人。", 12000, "人", true, "1.2万余人"},
		{"广东发展党员两万名。", 20000, "名", false, "两万名"},
		{"山东选派第一书记十二名。", 12, "名", false, "十二名"},
		{"江苏党员满意率达到百分之九十九点九。", 99.9, "%", false, "百分之九十九点九"},
		{"湖南党员群众满意度99.9%。", 99.9, "%", false, "99.9%"},
		{"湖北发展党员三点五万名。", 35000, "名", false, "三点五万名"},
		{"浙江投入资金7亿元。", 7e8, "元", false, "7亿元"},
		{"福建约谈领导干部1107人。", 1107, "人", false, "1107人"}, // 约谈 is a talk, not 约 (about)
		{"貴州發展黨員三萬餘名。", 30000, "名", true, "三萬餘名"},
		{"浙江建成党群服务中心300至500个。", 0, "", false, ""},
		{"浙江建成党群服务中心300—500个。", 0, "", false, ""},
		{"浙江每年培训3万至5万人次。", 0, "", false, ""},
		{"浙江建立一个清单。", 0, "", false, ""},
	}
	for _, tt := range tests {
		res := testExtractor.Extract(tt.text)
		if tt.value == 0 {
			if len(res.Metrics) != 0 {
				t.Errorf("%s: metric %+v, want none", tt.text, res.Metrics[0])
			}
			continue
		}
		if len(res.Metrics) != 1 {
			t.Errorf("%s: %d metrics, want 1", tt.text, len(res.Metrics))
			continue
		}
		m := res.Metrics[0]
		figure := string([]rune(tt.text)[m.Start:m.End])
		if m.Value != tt.value || m.Unit != tt.unit || m.Approx != tt.approx || figure != tt.figure {
			t.Errorf("%s: %v %s approx=%v from %q, want %v %s approx=%v from %q", tt.text, m.Value, m.Unit, m.Approx, figure, tt.value, tt.unit, tt.approx, tt.figure)
		}
		if v, u, ok := ParseFigure(figure); !ok || v != m.Value || u != m.Unit {
			t.Errorf("ParseFigure(%s) = %v %s %v, want %v %s", figure, v, u, ok, m.Value, m.Unit)
		}
	}
	for _, bad := range []string{"", "人", "1107", "1107人次多", "三个清单", "百分之"} {
		if v, u, ok := ParseFigure(bad); ok {
			t.Errorf("ParseFigure(%q) = %v %s, want no figure", bad, v, u)
		}
	}
}

func TestMetricWhat(t *testing.T) {
	tests := []struct{ text, want string }{
		{"江苏组织8.5万名企业党员走进红色教育基地。", "企业党员走进红色教育基地"},
		{"浙江12个市级两新工委和8个省级行业主管部门党组织负责人逐一述职。", "市级两新工委"},
		{"合作社党组织56个,江苏累计建成。", "合作社党组织"},
		{"湖北计划培训党员300人已完成。", "计划培训党员"},
		{"正定县累计收集意见建议3800余条。", "收集意见建议"},
		{"石家庄全市培训率达到100%。", "培训率"},
		{"望京街道在辖区22个社区建立议事厅。", "社区建立议事厅"},
		{"福建推动各级党组织书记领办项目3000多个。", "党组织书记领办项目"},
		{"甘肃选派驻村第一书记共计1.5万名。", "选派驻村第一书记"},
		{"黑龙江梳理出基础薄弱、管理松散等11个共性问题。", "共性问题"},
		{"廣東累計調整優化村黨組織書記1.2萬名。", "調整優化村黨組織書記"},
	}
	for _, tt := range tests {
		res := testExtractor.Extract(tt.text)
		if len(res.Metrics) == 0 {
			t.Errorf("no metric in %q", tt.text)
			continue
		}
		if got := res.Metrics[0].What; got != tt.want {
			t.Errorf("what of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestTraditionalAsSimplified extracts each traditional-character dev report
// and its simplified folding: the same actors, names, values and units, with
// the original characters in the names and descriptions.
func TestTraditionalAsSimplified(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(devDir, "synthetic", "*traditional*.txt"))
	if len(paths) < 3 {
		t.Fatalf("want traditional dev reports in %s/synthetic, found %d", devDir, len(paths))
	}
	for _, path := range paths {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		trad := string(raw)
		simp := hanzi.Simplify(trad)
		if simp == trad {
			t.Fatalf("%s has no traditional characters", path)
		}
		a, b := testExtractor.Extract(trad), testExtractor.Extract(simp)
		if len(a.Initiatives) == 0 || len(a.Metrics) == 0 {
			t.Errorf("%s: %d initiatives, %d metrics", path, len(a.Initiatives), len(a.Metrics))
		}
		if initiativesOf(a) != hanzi.Simplify(initiativesOf(b)) && hanzi.Simplify(initiativesOf(a)) != initiativesOf(b) {
			t.Errorf("%s: initiatives\n%s\nsimplified\n%s", path, initiativesOf(a), initiativesOf(b))
		}
		if metricsOf(a) != metricsOf(b) || a.Subject != b.Subject {
			t.Errorf("%s: metrics %q subject %v, simplified %q %v", path, metricsOf(a), a.Subject, metricsOf(b), b.Subject)
		}
		for i, in := range a.Initiatives {
			if in.Name == b.Initiatives[i].Name && hanzi.Simplify(in.Name) != in.Name {
				t.Errorf("%s: name %q not in the text's characters", path, in.Name)
			}
			if !strings.Contains(trad, in.Name) {
				t.Errorf("%s: name %q not found in the text", path, in.Name)
			}
		}
		kept := 0
		for i, m := range a.Metrics {
			if hanzi.Simplify(m.What) != b.Metrics[i].What {
				t.Errorf("%s: description %q, simplified %q", path, m.What, b.Metrics[i].What)
			}
			if m.What != b.Metrics[i].What {
				kept++
			}
		}
		if kept == 0 {
			t.Errorf("%s: no description keeps the text's traditional characters", path)
		}
	}
}

func TestTrimMarks(t *testing.T) {
	for in, want := range map[string]string{
		"街道服务清单”": "街道服务清单", "“月度清单”列出": "“月度清单”列出", "“三缘": "三缘",
		"社区（小区）建立党组织": "社区（小区）建立党组织", "党员）": "党员", "": "",
	} {
		if got := trimMarks(in); got != want {
			t.Errorf("trimMarks(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHeadlineApart finds the subject in a web page's headline that the text
// does not repeat.
func TestHeadlineApart(t *testing.T) {
	text := "本报讯 近日,全市召开述职评议会议。市委组织部派出督查组12个。"
	if res := testExtractor.ExtractFolded(text, hanzi.Fold(text)); res.SubjectWhy != "" {
		t.Errorf("without a headline: subject %v (%s)", res.Subject, res.SubjectWhy)
	}
	res := testExtractor.ExtractTitled("昭通市召开述职评议会", text, hanzi.Fold(text))
	if res.Subject.Name != "昭通市" || res.SubjectWhy != "title" || metricsOf(res) != "昭通市:12个" {
		t.Errorf("with its headline: subject %v (%s), metrics %q", res.Subject, res.SubjectWhy, metricsOf(res))
	}
}
