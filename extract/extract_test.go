package extract

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/dangjian/dangjian/gazetteer"
)

var testExtractor = New(gazetteer.New())

func actorNames(as []Actor) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name+"/"+a.Province)
	}
	return strings.Join(out, " ")
}

func initiativesOf(res Result) string {
	var out []string
	for _, in := range res.Initiatives {
		out = append(out, in.Actor.Name+":"+in.Name)
	}
	return strings.Join(out, " ")
}

func metricsOf(res Result) string {
	var out []string
	for _, m := range res.Metrics {
		approx := ""
		if m.Approx {
			approx = "~"
		}
		out = append(out, fmt.Sprintf("%s:%s%s%s", m.Actor.Name, approx, strconv.FormatFloat(m.Value, 'f', -1, 64), m.Unit))
	}
	return strings.Join(out, " ")
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"江苏开展调研。安徽推进整改！", []string{"江苏开展调研。", "安徽推进整改！"}},
		{"他说:“今年要干好。明年更好。”大家鼓掌。", []string{"他说:“今年要干好。明年更好。”大家鼓掌。"}},
		{"标题一行\n  正文第一句;第二句……第三句", []string{"标题一行", "正文第一句;", "第二句……", "第三句"}},
		{"引号未闭合“一直写到行尾。\n下一段。", []string{"引号未闭合“一直写到行尾。", "下一段。"}},
	}
	for _, tt := range tests {
		res := testExtractor.Extract(tt.text)
		rs := []rune(tt.text)
		var got []string
		for _, s := range res.Sentences {
			got = append(got, string(rs[s.Start:s.End]))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("sentences of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestActors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"四川、贵州等地聚焦乡村治理开展述职评议考核。", "四川/四川 贵州/贵州"},
		{"江苏省委常委同志带头到联系点调研。", "江苏/江苏"},
		{"其中,青海持续推进牧区党建。", "青海/青海"},
		{"今年湖北推动村级减负。", "湖北/湖北"},
		{"2022年底,兵团党委推进连队党建。", "新疆生产建设兵团/新疆生产建设兵团"},
		{"在推行网格化管理的崂山区,社区党委统筹各方力量。", "崂山区/山东"},
		{"许多地方把述职评议作为抓手。", ""},
		{"各级党委服务保障长三角一体化和粤港澳大湾区建设。", ""},
		{"引导党员用好延安、井冈山等红色资源。", ""},
		{"北京协和医学院附属医院推进医疗改革。", "北京协和医学院/"},
		{"××市委要求全市各级党组织抓好落实。", ""},
		{"云南聚焦边境治理,安徽和国家能源局突出安全生产。", "云南/云南 安徽/安徽 国家能源局/"},
		{"新华社长沙3月2日电 湖南各地党组织推进村级减负。", "湖南/湖南"},
		{"新华网成都5月4日电(记者 张三)全省新建党群服务中心210个。", "成都/四川"},
		{"中央财经委员会办公室组织学习。", "中央财经委员会办公室/"},
		{"全国注册会计师行业党委开展活动。", "全国注册会计师行业党委/"},
	}
	for _, tt := range tests {
		res := testExtractor.Extract(tt.text)
		var got []string
		for _, s := range res.Sentences {
			if a := actorNames(s.Actors); a != "" {
				got = append(got, a)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("actors of %q = %q, want %q", tt.text, g, tt.want)
		}
	}
}

func TestInheritance(t *testing.T) {
	text := "吉林推行“红色物业”服务模式。同时,推动物业企业建立党组织120个。同时,各地探索“小区议事厅”。\n另起一段开展“周末讲堂”活动。"
	res := testExtractor.Extract(text)
	if got, want := initiativesOf(res), "吉林:红色物业"; got != want {
		t.Errorf("initiatives = %q, want %q", got, want)
	}
	if got, want := metricsOf(res), "吉林:120个"; got != want {
		t.Errorf("metrics = %q, want %q", got, want)
	}
}

func TestMainActor(t *testing.T) {
	text := "甘肃省委组织部推进“陇原先锋”行动。\n近年来,甘肃持续深化党建引领。\n开展“党员联户”活动,全省培训党员干部3200余人。"
	res := testExtractor.Extract(text)
	if got, want := initiativesOf(res), "甘肃:陇原先锋 甘肃:党员联户"; got != want {
		t.Errorf("initiatives = %q, want %q", got, want)
	}
	if got, want := metricsOf(res), "甘肃:~3200人"; got != want {
		t.Errorf("metrics = %q, want %q", got, want)
	}
}

func TestHeadlineActor(t *testing.T) {
	text := "中共会宁县委书记述职报告\n县委研究党建工作12次。全县新建党支部20个。"
	if got, want := metricsOf(testExtractor.Extract(text)), "会宁县:12次 会宁县:20个"; got != want {
		t.Errorf("metrics = %q, want %q", got, want)
	}
	// Without the text referring to itself, a place in the headline is not its actor.
	text = "会宁县见闻\n研究党建工作12次。新建党支部20个。"
	if got := metricsOf(testExtractor.Extract(text)); got != "" {
		t.Errorf("metrics = %q, want none", got)
	}
}

func TestNoMainActorWithoutOpening(t *testing.T) {
	text := strings.Repeat("各地推进基层党建工作。\n", 80) + "浙江推进改革。\n浙江持续发力。\n开展“红色网格”活动。"
	if got := initiativesOf(testExtractor.Extract(text)); got != "" {
		t.Errorf("initiatives = %q, want none: the opening does not name 浙江", got)
	}
}

func TestInitiatives(t *testing.T) {
	tests := []struct{ text, want string }{
		{"广东实施“粤强种芯”工程。", "广东:粤强种芯"},
		{"福建、江西等地开展“党建联盟”和“乡村夜话”等活动。", "福建:党建联盟 江西:党建联盟 福建:乡村夜话 江西:乡村夜话"},
		{"天津推行“一网通办、一次办好”改革。", "天津:一网通办、一次办好"},
		{"湖北把完成重大任务作为“试金石”,吹响“冲锋号”。", ""},
		{"河南聚焦“两个维护”,增强“四个意识”。", ""},
		{"陕西着力解决“慢半拍”“不作为”等问题。", ""},
		{"浙江整治“走过场”现象。", ""},
		{"广西书记表示,“要把每一件小事办好,让群众满意。”", ""},
		{"山西对评为“较差”等次的书记进行约谈。", ""},
		{"海南把牢思想“总开关”。", ""},
		{"上海破解服务“跟不上”难题。", ""},
		{"辽宁印发《基层党组织工作规则》。", "辽宁:基层党组织工作规则"},
		{"“大比武”后,宁夏全面推开评比。", ""},
		{"西藏深化“强基惠民”。", "西藏:强基惠民"},
		{"江西对评为“一般”的书记进行约谈。", ""},
		{"湖南对标“五个过硬”要求加强队伍建设。", ""},
		{"四川持续破除“文山会海”。", ""},
		{"山西鼓励各地做到“一把钥匙开一把锁”。", ""},
		{"广东把推进乡村振兴作为述职评议的“主考题”。", ""},
		{"陕西让各类先进典型“百花齐放”。", ""},
		{"福建以“党建惠民”为抓手推进工作。", "福建:党建惠民"},
		{"福建以“群众满意”为标尺推进工作。", ""},
		{"宁夏把“书记领航”纳入考核。", "宁夏:书记领航"},
		{"重庆形成“一镇一策”问题清单。", "重庆:一镇一策"},
		{"新疆生产建设兵团聚焦“维稳戍边”职责使命。", ""},
		{"江苏用督查“利剑”保障工作落实。", ""},
		{"浙江开展“弘扬红船精神”主题教育。", "浙江:弘扬红船精神"},
		{"浙江弘扬“红船精神”。", ""},
		{"中国商飞党委推行“C919攻关”工程。", "中国商飞党委:C919攻关"},
		{"天津着力解决“庸懒散”等突出问题。", ""},
		{"吉林推进改革。美团公司党委开展“骑手之家”建设。", ""},
		{"吉林整治“怕、慢、假”等作风顽疾。", ""},
		{"云南聚焦边境治理,安徽突出安全生产。两省均建立“书记回访”机制。", "云南:书记回访 安徽:书记回访"},
		{"云南聚焦边境治理,安徽突出安全生产。同时建立“书记回访”机制。", "安徽:书记回访"},
	}
	for _, tt := range tests {
		if got := initiativesOf(testExtractor.Extract(tt.text)); got != tt.want {
			t.Errorf("initiatives of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMetrics(t *testing.T) {
	tests := []struct{ text, want string }{
		{"江苏走访企业2315家,解决问题874个。", "江苏:2315家 江苏:874个"},
		{"安徽培训书记2.3万人次,投入资金3.5亿元。", "安徽:23000人次 安徽:350000000元"},
		{"河北排查风险点5000多处,整改率98.6%。", "河北:~5000处 河北:98.6%"},
		{"四川办理群众诉求15万余件。", "四川:~150000件"},
		{"广西培训村干部约4500人。", "广西:~4500人"},
		{"河南发动党员30余万人,筹集资金3000多万元,人均补助2000元。", "河南:~300000人 河南:~30000000元"},
		{"贵州选派驻村干部三百余人。", "贵州:~300人"},
		{"云南组织二十个工作组督导。", "云南:20个"},
		{"青海10年来坚持第十次评议,连续3个月督导,2024年7月启动。", ""},
		{"湖南落实“三个一”要求和“五个一批”措施。", ""},
		{"山东每村配备至少2名专干,每人补助3000元。", ""},
		{"北京完成1—2个重点任务,推广5G应用。", ""},
		{"中国石化8家直属企业党委开展述职。", ""},
		{"重庆推动“四个一”工作法,实行一次办结。", ""},
		{"辽宁出台二十条措施,覆盖千家万户。", ""},
		{"黑龙江举办培训班,共计培训1,200人。", "黑龙江:1200人"},
		{"宁夏规定满意度低于80%的要说明原因。", ""},
		{"黑龙江带动收入超过10万元的村占比提升至85%。", "黑龙江:85%"},
		{"江苏年底前整顿转化率达到95%以上。", ""},
		{"广西力争到年底实现覆盖率100%。", ""},
		{"甘肃将深入实施行动,新建阵地15个。", ""},
		{"下一步,贵州新建阵地20个。", ""},
		{"陕西开展现场教学5200余场次,福建提出问责建议48起,丽水开发课程32门。", "陕西:~5200场次 福建:48起 丽水:32门"},
		{"浙江部署包括“双强”在内的4个专项行动。", ""},
		{"云南推进边境党建。全省新建党群服务中心100个。", "云南:100个"},
		{"吉林推进改革。美团公司党委建成驿站600个。", ""},
		{"河南推行结对共建,城市和农村支部结对两千余对。", "河南:~2000对"},
		{"四川选派百余名干部到乡村任职。", "四川:~100名"},
		{"宁夏把群众满意度纳入考核,占考核权重的40%,共测评干部600人。", "宁夏:600人"},
		{"广东经营性收入5万元以下的村减少到80个以下。", "广东:~80个"},
		{"江西坦承全省仍有15个村没有活动场所,已有300个村完成整改。", "江西:300个"},
		{"湖南将贫困村数量控制在10个以内。", ""},
	}
	for _, tt := range tests {
		if got := metricsOf(testExtractor.Extract(tt.text)); got != tt.want {
			t.Errorf("metrics of %q = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAmbiguousPlace(t *testing.T) {
	tests := []struct{ text, want string }{
		{"宁波江北区推进“甬江红”行动。", "宁波江北区/浙江"},
		{"重庆持续发力。江北区推进“红心驿站”建设。", "重庆/重庆 江北区/重庆"},
		{"浙江加强统筹。江北区推进“红心驿站”建设。", "浙江/浙江 江北区/浙江"},
		{"朝阳区推进“吹哨报到”改革。", ""},
	}
	for _, tt := range tests {
		res := testExtractor.Extract(tt.text)
		var got []string
		for _, s := range res.Sentences {
			if a := actorNames(s.Actors); a != "" {
				got = append(got, a)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("actors of %q = %q, want %q", tt.text, g, tt.want)
		}
	}
}

func TestYear(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"——2022年度党委书记抓基层党建述职评议考核综述\n2023年3月发布", 2022},
		{"2021年,江苏推进党建工作。2021年全省完成任务。2020年基础上", 2021},
		{"刊期 2024年5期\n本文无年份", 0},
		{"没有年份的文章", 0},
	}
	for _, tt := range tests {
		if got := testExtractor.Extract(tt.text).Year; got != tt.want {
			t.Errorf("year of %q = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestTemplateSpeech checks the template seed: its ××市 and 全市 name no
// province, so nothing it says may be attributed to one.
func TestTemplateSpeech(t *testing.T) {
	res := extractSeed(t, "004_")
	for _, s := range res.Sentences {
		for _, a := range s.Actors {
			if a.Province != "" {
				t.Errorf("sentence %d attributed to %v", s.Start, a)
			}
		}
	}
	if len(res.Metrics) != 0 {
		t.Errorf("template speech gave %d metrics: %v", len(res.Metrics), res.Metrics)
	}
}

// TestLocalReportPlaces checks that the Chongqing seed attributes its places to 重庆.
func TestLocalReportPlaces(t *testing.T) {
	res := extractSeed(t, "001_")
	places := 0
	for _, s := range res.Sentences {
		for _, a := range s.Actors {
			if a.Province != "重庆" && a.Kind != "central" {
				t.Errorf("actor %v outside 重庆", a)
			}
			if a.Kind == "place" {
				places++
			}
		}
	}
	if places == 0 {
		t.Error("no place actors in the Chongqing report")
	}
}

func TestOffsetsAndValues(t *testing.T) {
	text := "浙江推进“千万工程”,建成示范村1200个。"
	res := testExtractor.Extract(text)
	rs := []rune(text)
	if len(res.Initiatives) != 1 || string(rs[res.Initiatives[0].Start:res.Initiatives[0].End]) != "千万工程" {
		t.Fatalf("initiatives = %+v", res.Initiatives)
	}
	if len(res.Metrics) != 1 {
		t.Fatalf("metrics = %+v", res.Metrics)
	}
	m := res.Metrics[0]
	if got := string(rs[m.Start:m.End]); got != "1200个" || m.Value != 1200 || m.What != "建成示范村" || math.IsNaN(m.Value) {
		t.Errorf("metric %q value %g what %q", got, m.Value, m.What)
	}
}
