package article

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	// A calendar date with year, month and day, optionally followed by a time.
	dateRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?`)
	// news.cn prints the year apart from month/day: <span class="year">2024</span><span class="day">01/18</span>.
	splitYearRe = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})\s+(\d{2})/(\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:[^0-9/]|$)`)
	// The US order that ASP and IIS sites print: 9/17/2004 5:54:13 AM.
	usDateRe = regexp.MustCompile(`(?:^|[^0-9/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?`)
	// Dates as they appear in article URLs of Chinese news sites.
	urlDateRes = []*regexp.Regexp{
		regexp.MustCompile(`/((?:19|20)\d{2})-(\d{2})/(\d{2})/`),               // xinhua /2024-06/07/
		regexp.MustCompile(`/((?:19|20)\d{2})/(\d{2})(\d{2})/`),                // people /n1/2024/0607/
		regexp.MustCompile(`/((?:19|20)\d{2})/(\d{2})/(\d{2})/`),               // 12371 /2024/06/07/
		regexp.MustCompile(`/((?:19|20)\d{2})(\d{2})(\d{2})/`),                 // news.cn /20240607/
		regexp.MustCompile(`/((?:19|20)\d{2})(\d{2})/(\d{2})/`),                // e-paper /202412/24/
		regexp.MustCompile(`[/_t]((?:19|20)\d{2})(\d{2})(\d{2})_\d+\.s?html?`), // gov sites t20240607_123.html
		regexp.MustCompile(`/((?:19|20)\d{2})-(\d{2})-(\d{2})/`),
	}
	// A newspaper credit line: (《人民日报》2024年06月07日第01版).
	creditRe = regexp.MustCompile(`《([^》\s]{2,16})》\s*[（(]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	// Labels that introduce the publication date.
	dateLabelRe = regexp.MustCompile(`(发布时间|发布日期|发表时间|发表日期|发表于|发文日期|出版日期|更新时间|日期|时间|Published|Posted)\s*[:：]?\s*`)
)

// chinaZone is the offset of dates stated on Chinese pages without a zone.
func chinaZone() *time.Location { return time.FixedZone("CST", 8*3600) }

// findDate returns the first valid date in s and its byte offset.
func findDate(s string) (time.Time, int, bool) {
	for _, re := range []*regexp.Regexp{dateRe, splitYearRe} {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			parts := make([]string, 6)
			for i := range parts {
				if a, b := m[2+2*i], m[3+2*i]; a >= 0 {
					parts[i] = s[a:b]
				}
			}
			if t, ok := makeDate(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]); ok {
				return t, m[2], true
			}
		}
	}
	for _, m := range usDateRe.FindAllStringSubmatchIndex(s, -1) {
		parts := make([]string, 7)
		for i := range parts {
			if a, b := m[2+2*i], m[3+2*i]; a >= 0 {
				parts[i] = s[a:b]
			}
		}
		if h, err := strconv.Atoi(parts[3]); err == nil {
			switch {
			case strings.EqualFold(parts[6], "pm") && h < 12:
				parts[3] = strconv.Itoa(h + 12)
			case strings.EqualFold(parts[6], "am") && h == 12:
				parts[3] = "0"
			}
		}
		if t, ok := makeDate(parts[2], parts[0], parts[1], parts[3], parts[4], parts[5]); ok {
			return t, m[2], true
		}
	}
	return time.Time{}, 0, false
}

func makeDate(y, mo, d, h, mi, sec string) (time.Time, bool) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(mo)
	dd, _ := strconv.Atoi(d)
	if yy < 1980 || yy > 2100 || mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return time.Time{}, false
	}
	hh, mn, ss := 0, 0, 0
	if h != "" {
		hh, _ = strconv.Atoi(h)
		mn, _ = strconv.Atoi(mi)
		ss, _ = strconv.Atoi(sec)
		if hh > 23 || mn > 59 || ss > 59 {
			hh, mn, ss = 0, 0, 0
		}
	}
	t := time.Date(yy, time.Month(mm), dd, hh, mn, ss, 0, chinaZone())
	if t.Day() != dd { // 2月30日 and the like
		return time.Time{}, false
	}
	return t, true
}

// parseDateValue reads a machine-readable date (ISO 8601 in meta tags) or any
// date the page states in words.
func parseDateValue(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == "2006-01-02T15:04:05" || layout == "2006-01-02T15:04" {
				t, _ = time.ParseInLocation(layout, s, chinaZone())
			}
			return t, true
		}
	}
	t, _, ok := findDate(s)
	return t, ok
}

// dateFromURL reads the publication date encoded in an article URL.
func dateFromURL(u string) (time.Time, bool) {
	for _, re := range urlDateRes {
		if m := re.FindStringSubmatch(u); m != nil {
			if t, ok := makeDate(m[1], m[2], m[3], "", "", ""); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// dateFromCredit reads a newspaper credit line and returns the date and the paper.
func dateFromCredit(s string) (time.Time, string, bool) {
	for _, m := range creditRe.FindAllStringSubmatch(s, -1) {
		if t, ok := makeDate(m[2], m[3], m[4], "", "", ""); ok {
			return t, m[1], true
		}
	}
	return time.Time{}, "", false
}

// labelledDate finds a date introduced by a label such as 发布时间.
func labelledDate(s string) (time.Time, bool) {
	for _, loc := range dateLabelRe.FindAllStringIndex(s, -1) {
		rest := s[loc[1]:]
		if len(rest) > 40 {
			rest = rest[:40]
		}
		if t, off, ok := findDate(rest); ok && off <= 6 {
			return t, true
		}
	}
	return time.Time{}, false
}
