package textrules

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 coins"}, {1, "1 coin"}, {2, "2 coins"}, {11, "11 coins"}, {-1, "-1 coin"}, {21, "21 coins"}} {
		if got := Count(c.n, "coin", "coins"); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
