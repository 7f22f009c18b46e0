package textrules

import "strconv"

// Count is a number with its noun in the right form, "1 coin" and
// "2 coins", the server's twin of the UI's countOf: no answer or log line
// ever says "1 coins".
func Count(n int, one, other string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + other
}
