package gazetteer

// province is one provincial-level unit: its canonical short name, its full
// name and the aliases (traditional characters, informal forms) callers may
// meet in unfolded text.
type province struct {
	short, full string
	aliases     []string
}

// provinces lists the 31 provincial-level units in NBS code order, then the
// Xinjiang Production and Construction Corps, which reports as its own unit.
var provinces = [...]province{
	{"北京", "北京市", nil},
	{"天津", "天津市", nil},
	{"河北", "河北省", nil},
	{"山西", "山西省", nil},
	{"内蒙古", "内蒙古自治区", []string{"內蒙古", "內蒙古自治區", "内蒙"}},
	{"辽宁", "辽宁省", []string{"遼寧", "遼寧省"}},
	{"吉林", "吉林省", nil},
	{"黑龙江", "黑龙江省", []string{"黑龍江", "黑龍江省"}},
	{"上海", "上海市", nil},
	{"江苏", "江苏省", []string{"江蘇", "江蘇省"}},
	{"浙江", "浙江省", nil},
	{"安徽", "安徽省", nil},
	{"福建", "福建省", nil},
	{"江西", "江西省", nil},
	{"山东", "山东省", []string{"山東", "山東省"}},
	{"河南", "河南省", nil},
	{"湖北", "湖北省", nil},
	{"湖南", "湖南省", nil},
	{"广东", "广东省", []string{"廣東", "廣東省"}},
	{"广西", "广西壮族自治区", []string{"廣西", "廣西壯族自治區", "广西自治区"}},
	{"海南", "海南省", nil},
	{"重庆", "重庆市", []string{"重慶", "重慶市"}},
	{"四川", "四川省", nil},
	{"贵州", "贵州省", []string{"貴州", "貴州省"}},
	{"云南", "云南省", []string{"雲南", "雲南省"}},
	{"西藏", "西藏自治区", []string{"西藏自治區"}},
	{"陕西", "陕西省", []string{"陝西", "陝西省"}},
	{"甘肃", "甘肃省", []string{"甘肅", "甘肅省"}},
	{"青海", "青海省", nil},
	{"宁夏", "宁夏回族自治区", []string{"寧夏", "寧夏回族自治區"}},
	{"新疆", "新疆维吾尔自治区", []string{"新疆維吾爾自治區"}},
	{"新疆生产建设兵团", "新疆生产建设兵团", []string{"新疆生產建設兵團", "兵团党委", "新疆兵团"}},
}
