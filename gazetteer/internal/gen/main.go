// Command gen writes the gazetteer's table of places below province level
// from AreaCity's prefecture list and modood's division tables (the npm
// package china-division).
//
// Usage: gen -o places_gen.go AREACITY.csv CHINA_DIVISION_DIST_DIR
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

func main() {
	out := flag.String("o", "places_gen.go", "output Go file")
	flag.Parse()
	if flag.NArg() != 2 {
		log.Fatal("usage: gen -o FILE AREACITY.csv CHINA_DIVISION_DIST_DIR")
	}
	src, err := generate(flag.Arg(0), flag.Arg(1))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// provinceShort maps the two-digit NBS code to the short name the gazetteer
// uses; codes outside it (Hong Kong, Macao, Taiwan) are skipped.
var provinceShort = map[string]string{
	"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
	"21": "辽宁", "22": "吉林", "23": "黑龙江", "31": "上海", "32": "江苏",
	"33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东",
	"41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西",
	"46": "海南", "50": "重庆", "51": "四川", "52": "贵州", "53": "云南",
	"54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏",
	"65": "新疆",
}

// commonWordShortNames are prefecture short names that are also ordinary
// words or set phrases (长治久安, 日照, 大庆); they are recognised only with
// their suffix (长治市).
var commonWordShortNames = map[string]bool{
	"大同": true, "长治": true, "安康": true, "来宾": true, "白银": true,
	"大庆": true, "朝阳": true, "日照": true, "泰安": true, "开封": true,
	"普洱": true, "中山": true, "北海": true, "吉安": true, "中卫": true,
	"兴安": true, "阿里": true, "四平": true, "三明": true, "玉树": true,
	"天门": true, "红河": true, "文山": true, "大理": true, "山南": true,
	"白山": true, "海东": true, "海北": true, "海西": true, "黄山": true,
	"承德": true, "德州": true, "和田": true, "延边": true, "黄南": true,
	"海南": true, "吉林": true, "金昌": true, "通化": true, "济源": true,
	"神农架": true, "仙桃": true, "潜江": true, "资阳": true, "鹤壁": true,
	"保山": true, "安顺": true, "新乡": true, "定西": true, "衡水": true,
	"三沙": true, "海口": true,
}

// ethnicSuffix matches one ethnic group at the end of an autonomous county's
// stem, so that 彭水苗族土家族自治县 is also known by its usual form 彭水县.
var ethnicSuffix = regexp.MustCompile(`(蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各)族?$`)

// shortAutonomous returns the usual short form of an autonomous county or
// banner (彭水苗族土家族自治县 → 彭水县), or "" if name is not one.
func shortAutonomous(name string) string {
	var suffix string
	switch {
	case strings.HasSuffix(name, "自治县"):
		suffix = "县"
	case strings.HasSuffix(name, "自治旗"):
		suffix = "旗"
	default:
		return ""
	}
	stem := strings.TrimSuffix(name, "自治"+suffix)
	for {
		loc := ethnicSuffix.FindStringIndex(stem)
		if loc == nil || utf8.RuneCountInString(stem[:loc[0]]) < 2 {
			break
		}
		stem = stem[:loc[0]]
	}
	if stem == strings.TrimSuffix(name, "自治"+suffix) {
		return ""
	}
	return stem + suffix
}

type place struct {
	provinces map[string]bool
	// qualifiers are the prefecture names (full and short) of each province
	// the name occurs in, used to write qualified forms of ambiguous names.
	qualifiers map[string][]string
}

func generate(areaCityPath, divisionDir string) ([]byte, error) {
	places := map[string]*place{}
	add := func(name, prov string, quals ...string) {
		if utf8.RuneCountInString(name) < 2 || prov == "" {
			return
		}
		p := places[name]
		if p == nil {
			p = &place{provinces: map[string]bool{}, qualifiers: map[string][]string{}}
			places[name] = p
		}
		p.provinces[prov] = true
		for _, q := range quals {
			if q != "" && q != "市辖区" && q != "县" {
				p.qualifiers[prov] = append(p.qualifiers[prov], q)
			}
		}
	}

	rows, err := readCSV(areaCityPath)
	if err != nil {
		return nil, err
	}
	for _, r := range rows[1:] {
		// id,pid,deep,name,pinyin_prefix,pinyin,ext_id,ext_name
		if len(r) < 8 || r[2] != "1" {
			continue
		}
		prov := provinceShort[r[1][:min(2, len(r[1]))]]
		if strings.HasSuffix(r[3], "城区") || strings.HasSuffix(r[3], "郊县") {
			// AreaCity's pseudo-prefectures of Chongqing.
			continue
		}
		if r[3] != r[7] && !commonWordShortNames[r[3]] && provinceName(r[3]) == "" {
			add(r[3], prov)
		}
		if provinceName(r[7]) == "" {
			add(r[7], prov)
		}
	}

	cities, err := readCSV(filepath.Join(divisionDir, "cities.csv"))
	if err != nil {
		return nil, err
	}
	cityNames := map[string][]string{}
	for _, r := range cities[1:] {
		// code,name,provinceCode
		if len(r) < 3 {
			continue
		}
		full := r[1]
		if full == "市辖区" || full == "县" {
			cityNames[r[0]] = nil
			continue
		}
		short := strings.TrimSuffix(full, "市")
		cityNames[r[0]] = []string{full, short}
	}
	provFull := map[string][]string{}
	provs, err := readCSV(filepath.Join(divisionDir, "provinces.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range provs[1:] {
		if len(r) >= 2 {
			provFull[r[0]] = []string{r[1], provinceShort[r[0]]}
		}
	}
	qualifiersOf := func(cityCode, provCode string) []string {
		if q := cityNames[cityCode]; q != nil {
			return q
		}
		return provFull[provCode]
	}

	areas, err := readCSV(filepath.Join(divisionDir, "areas.csv"))
	if err != nil {
		return nil, err
	}
	for _, r := range areas[1:] {
		// code,name,cityCode,provinceCode
		if len(r) < 4 {
			continue
		}
		name, prov := r[1], provinceShort[r[3]]
		if strings.HasSuffix(name, "开发区") || strings.HasSuffix(name, "新区") && utf8.RuneCountInString(name) > 6 {
			// Development zones carry long administrative names that texts shorten in many ways.
			add(name, prov, qualifiersOf(r[2], r[3])...)
			continue
		}
		if name == "城区" || name == "郊区" || name == "矿区" {
			continue
		}
		add(name, prov, qualifiersOf(r[2], r[3])...)
		if short := shortAutonomous(name); short != "" {
			add(short, prov, qualifiersOf(r[2], r[3])...)
		}
	}

	streets, err := readCSV(filepath.Join(divisionDir, "streets.csv"))
	if err != nil {
		return nil, err
	}
	regions := map[string]bool{}
	for name := range places {
		regions[name] = true
	}
	for _, r := range streets[1:] {
		// code,name,areaCode,provinceCode,cityCode
		if len(r) < 5 {
			continue
		}
		name := r[1]
		if !(strings.HasSuffix(name, "街道") || strings.HasSuffix(name, "镇") || strings.HasSuffix(name, "乡")) {
			continue
		}
		// Towns need a name of two characters before the suffix; shorter ones
		// (新镇, 城关镇 is fine) collide with ordinary words.
		stem := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "街道"), "镇"), "乡")
		if utf8.RuneCountInString(stem) < 2 {
			continue
		}
		if startsWithRegion(name, regions) {
			// 湖南镇 (in Zhejiang) or 北京路街道 would shadow the province or
			// city they start with in running text.
			continue
		}
		add(name, provinceShort[r[3]])
	}

	return render(places)
}

// startsWithRegion reports whether a town or street name begins with a
// province or a place already known (a prefecture or county).
func startsWithRegion(name string, regions map[string]bool) bool {
	for _, v := range provinceShort {
		if strings.HasPrefix(name, v) {
			return true
		}
	}
	rs := []rune(name)
	for n := 2; n < len(rs); n++ {
		if regions[string(rs[:n])] {
			return true
		}
	}
	return false
}

// provinceName reports the province a full or short provincial name denotes,
// so that prefecture rows equal to a province (北京, 吉林) are not added as places.
func provinceName(s string) string {
	for _, v := range provinceShort {
		if s == v || strings.HasPrefix(s, v) && (strings.HasSuffix(s, "省") || strings.HasSuffix(s, "自治区") || s == v+"市") {
			return v
		}
	}
	return ""
}

func render(places map[string]*place) ([]byte, error) {
	byProv := map[string][]string{}
	var ambiguous []string
	for name, p := range places {
		if len(p.provinces) == 1 {
			for prov := range p.provinces {
				byProv[prov] = append(byProv[prov], name)
			}
			continue
		}
		var ps []string
		for prov := range p.provinces {
			ps = append(ps, prov)
			// Qualified forms (宁波市江北区, 长春朝阳区) are unambiguous.
			for _, q := range p.qualifiers[prov] {
				if !strings.HasSuffix(q, name) {
					byProv[prov] = append(byProv[prov], q+name)
				}
			}
		}
		sort.Strings(ps)
		ambiguous = append(ambiguous, name+" "+strings.Join(ps, " "))
	}
	sort.Strings(ambiguous)

	var b bytes.Buffer
	b.WriteString("// Code generated by internal/gen from AreaCity and china-division (see NOTICE); DO NOT EDIT.\n\npackage gazetteer\n\n")
	b.WriteString("// placesByProvince lists, per province, the space-separated names of\n// prefectures, counties, districts, towns and streets that occur in only\n// that province.\nvar placesByProvince = [...]struct{ province, names string }{\n")
	var provs []string
	for p := range byProv {
		provs = append(provs, p)
	}
	sort.Strings(provs)
	for _, p := range provs {
		names := dedupe(byProv[p])
		fmt.Fprintf(&b, "\t{%q, %q},\n", p, strings.Join(names, " "))
	}
	b.WriteString("}\n\n// ambiguousPlaces lists names that occur in several provinces: the name,\n// then the provinces, separated by spaces.\nvar ambiguousPlaces = [...]string{\n")
	for _, a := range ambiguous {
		fmt.Fprintf(&b, "\t%q,\n", a)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func dedupe(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("gen: read %s: %w", path, err)
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("gen: %s is empty", path)
	}
	return rows, nil
}
