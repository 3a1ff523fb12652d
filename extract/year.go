package extract

// openingRunes is how much of a text counts as its headline and opening, when
// looking for the year reported on and for the main actor.
const openingRunes = 600

// reportYear returns the year whose work the text reports: the year of a
// "YYYY年度" in the opening if there is one, else the most frequent "YYYY年"
// of the opening that is not part of a date (2024年6月) or an issue number
// (2024年2期), else 0.
func reportYear(rs []rune) int {
	limit := min(len(rs), openingRunes)
	annual := map[int]int{}
	plain := map[int]int{}
	var order []int
	for i := 0; i+4 < limit; i++ {
		if i > 0 && isDigit(rs[i-1]) {
			continue
		}
		if !isDigit(rs[i]) || !isDigit(rs[i+1]) || !isDigit(rs[i+2]) || !isDigit(rs[i+3]) || rs[i+4] != '年' {
			continue
		}
		y := int(rs[i]-'0')*1000 + int(rs[i+1]-'0')*100 + int(rs[i+2]-'0')*10 + int(rs[i+3]-'0')
		if y < 1949 || y > 2100 {
			continue
		}
		j := i + 5
		switch {
		case j < len(rs) && rs[j] == '度':
			annual[y]++
		case j < len(rs) && (isDigit(rs[j]) || rs[j] == '第'):
			// a date or an issue: 2024年06月07日, 2024年2期
		default:
			plain[y]++
		}
		order = append(order, y)
	}
	for _, counts := range []map[int]int{annual, plain} {
		best, n := 0, 0
		for _, y := range order {
			if counts[y] > n {
				best, n = y, counts[y]
			}
		}
		if best != 0 {
			return best
		}
	}
	return 0
}
