package insight

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"animalgenius/app/quiz"
)

func seed(v int64) *int64 { return &v }

func TestGroupRequestValidate(t *testing.T) {
	tests := []struct {
		req  GroupRequest
		code string
	}{
		{GroupRequest{Size: 2, Balance: BalanceGenius}, ""},
		{GroupRequest{Size: 6, Balance: BalanceRandom, Seed: seed(MaxSeed)}, ""},
		{GroupRequest{Size: 4, Balance: BalanceEnergy, Seed: seed(0)}, ""},
		{GroupRequest{Size: 3, Balance: BalanceStyle}, ""},
		{GroupRequest{Size: 1, Balance: BalanceGenius}, "bad_size"},
		{GroupRequest{Size: 7, Balance: BalanceGenius}, "bad_size"},
		{GroupRequest{Size: 0, Balance: BalanceGenius}, "bad_size"},
		{GroupRequest{Size: 4, Balance: "height"}, "bad_balance"},
		{GroupRequest{Size: 4, Balance: ""}, "bad_balance"},
		{GroupRequest{Size: 4, Balance: BalanceGenius, Seed: seed(-1)}, "bad_seed"},
		{GroupRequest{Size: 4, Balance: BalanceGenius, Seed: seed(MaxSeed + 1)}, "bad_seed"},
	}
	for _, tt := range tests {
		err := tt.req.Validate()
		var ie *InputError
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("%+v: unexpected %v", tt.req, err)
		case tt.code != "" && (!errors.As(err, &ie) || ie.Code != tt.code || ie.Message == ""):
			t.Errorf("%+v: err %v, want %s", tt.req, err, tt.code)
		}
	}
}

func groupSizes(g Grouping) []int {
	var out []int
	for _, gr := range g.Groups {
		out = append(out, len(gr.Members))
	}
	return out
}

func TestMakeGroupsSizes(t *testing.T) {
	tests := []struct {
		n, size int
		want    []int
	}{
		{0, 4, nil},
		{1, 4, []int{1}},
		{2, 2, []int{2}},
		{3, 2, []int{3}},
		{5, 2, []int{3, 2}},
		{4, 3, []int{2, 2}},
		{7, 3, []int{3, 2, 2}},
		{30, 4, []int{4, 4, 4, 4, 4, 4, 3, 3}},
		{30, 6, []int{6, 6, 6, 6, 6}},
		{31, 6, []int{6, 5, 5, 5, 5, 5}},
		{5, 6, []int{5}},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tt := range tests {
		class := randomClass(rng, tt.n)
		for _, mode := range BalanceModes {
			g := MakeGroups(class, GroupRequest{Size: tt.size, Balance: mode, Seed: seed(42)})
			if got := groupSizes(g); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("n=%d size=%d %s: sizes %v, want %v", tt.n, tt.size, mode, got, tt.want)
			}
		}
	}
}

// TestMakeGroupsBalances checks that a balanced mode spreads each
// category evenly: per group, the counts of a category differ by at most
// one.
func TestMakeGroupsBalances(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 100 {
		class := randomClass(rng, 8+rng.IntN(40))
		for _, mode := range []string{BalanceGenius, BalanceEnergy, BalanceStyle} {
			key, _ := balanceKey(mode)
			byKey := map[int64]string{}
			for _, m := range class {
				byKey[m.ID] = key(&m)
			}
			g := MakeGroups(class, GroupRequest{Size: 2 + rng.IntN(5), Balance: mode, Seed: seed(int64(round))})
			counts := map[string][]int{}
			for gi, gr := range g.Groups {
				for _, r := range gr.Members {
					k := byKey[r.ID]
					if counts[k] == nil {
						counts[k] = make([]int, len(g.Groups))
					}
					counts[k][gi]++
				}
			}
			for k, c := range counts {
				if slices.Max(c)-slices.Min(c) > 1 {
					t.Fatalf("round %d %s: category %q spread %v", round, mode, k, c)
				}
			}
		}
	}
}

// TestMakeGroupsProperties: every student in exactly one group, sizes
// within bounds, same seed gives the same groups whatever the row order.
func TestMakeGroupsProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 9))
	for round := range 500 {
		class := randomClass(rng, rng.IntN(80))
		req := GroupRequest{Size: MinGroupSize + rng.IntN(MaxGroupSize-MinGroupSize+1), Balance: BalanceModes[rng.IntN(4)],
			Seed: seed(rng.Int64N(MaxSeed)), OnlyFinished: rng.IntN(3) == 0}
		g := MakeGroups(class, req)
		checkGrouping(t, class, req, g)
		if again := MakeGroups(shuffled(rng, class), req); !reflect.DeepEqual(again, g) {
			t.Fatalf("round %d: same seed, different groups", round)
		}
	}
}

func checkGrouping(t *testing.T, class []Member, req GroupRequest, g Grouping) {
	t.Helper()
	want := map[int64]bool{}
	for _, m := range class {
		if m.Done || !req.OnlyFinished {
			want[m.ID] = true
		}
	}
	seen := map[int64]bool{}
	for _, gr := range g.Groups {
		if len(want) >= MinGroupSize && len(gr.Members) < MinGroupSize {
			t.Fatalf("group of %d among %d students (size %d)", len(gr.Members), len(want), req.Size)
		}
		if limit := max(req.Size, 3); len(gr.Members) > limit {
			t.Fatalf("group of %d, asked for %d", len(gr.Members), req.Size)
		}
		for _, r := range gr.Members {
			if seen[r.ID] || !want[r.ID] {
				t.Fatalf("student %d twice or not expected", r.ID)
			}
			seen[r.ID] = true
		}
	}
	if len(seen) != len(want) {
		t.Fatalf("%d students grouped, want %d", len(seen), len(want))
	}
	if g.Size != req.Size || g.Balance != req.Balance || g.Seed != *req.Seed {
		t.Fatalf("grouping header %+v", g)
	}
}

func TestMakeGroupsSeedMatters(t *testing.T) {
	class := randomClass(rand.New(rand.NewPCG(1, 1)), 30)
	a := MakeGroups(class, GroupRequest{Size: 4, Balance: BalanceRandom, Seed: seed(1)})
	b := MakeGroups(class, GroupRequest{Size: 4, Balance: BalanceRandom, Seed: seed(2)})
	if reflect.DeepEqual(a.Groups, b.Groups) {
		t.Fatal("different seeds gave the same groups")
	}
}

func TestMakeGroupsOnlyFinished(t *testing.T) {
	class := []Member{finished(1, "A a.", "INFP", quiz.StyleVisual), finished(2, "B b.", "ESTJ", quiz.StyleVisual), notYet(3, "C c.")}
	g := MakeGroups(class, GroupRequest{Size: 2, Balance: BalanceGenius, Seed: seed(1), OnlyFinished: true})
	if len(g.Groups) != 1 || len(g.Groups[0].Members) != 2 {
		t.Fatalf("groups %+v", g.Groups)
	}
}

// FuzzMakeGroups runs the group maker on any class size, request and seed.
func FuzzMakeGroups(f *testing.F) {
	f.Add(uint8(30), 4, "genius", int64(1), false)
	f.Add(uint8(3), 2, "random", int64(0), true)
	f.Add(uint8(0), 7, "height", int64(-5), false)
	class := randomClass(rand.New(rand.NewPCG(2, 2)), 255)
	f.Fuzz(func(t *testing.T, n uint8, size int, balance string, s int64, only bool) {
		req := GroupRequest{Size: size, Balance: balance, Seed: &s, OnlyFinished: only}
		if err := req.Validate(); err != nil {
			return
		}
		g := MakeGroups(class[:n], req)
		checkGrouping(t, class[:n], req, g)
	})
}
