package insight

import (
	"math/rand/v2"
	"slices"
	"strconv"
)

// Balance modes of the group maker.
const (
	BalanceGenius = "genius" // mix thinkers, feelers and doers
	BalanceEnergy = "energy" // mix E and I
	BalanceStyle  = "style"  // mix learning styles
	BalanceRandom = "random"
)

// BalanceModes lists the modes in the order the UI offers them.
var BalanceModes = []string{BalanceGenius, BalanceEnergy, BalanceStyle, BalanceRandom}

// Group size bounds and the largest seed (exact in a JavaScript number).
const (
	MinGroupSize = 2
	MaxGroupSize = 6
	MaxSeed      = 1<<53 - 1
)

// GroupRequest asks the group maker for groups. Seed nil means "pick one"
// (the answer says which, so the teacher can make the same groups again).
type GroupRequest struct {
	Size         int    `json:"size"`
	Balance      string `json:"balance"`
	Seed         *int64 `json:"seed"`
	OnlyFinished bool   `json:"onlyFinished"` // leave out students who have not finished
}

// Validate checks the request; the error is an *InputError.
func (r *GroupRequest) Validate() error {
	if r.Size < MinGroupSize || r.Size > MaxGroupSize {
		return inputError("bad_size", "size", "Groups can have 2 to 6 students. Pick a size from 2 to 6.")
	}
	if !slices.Contains(BalanceModes, r.Balance) {
		return inputError("bad_balance", "balance", `Balance groups by "genius", "energy", "style" or "random".`)
	}
	if r.Seed != nil && (*r.Seed < 0 || *r.Seed > MaxSeed) {
		return inputError("bad_seed", "seed", "The seed is a whole number from 0 to 9007199254740991.")
	}
	return nil
}

// Group is one group of students.
type Group struct {
	Name    string `json:"name"`
	Members []Ref  `json:"members"`
}

// Grouping is a whole set of groups for a class.
type Grouping struct {
	Size    int     `json:"size"`
	Balance string  `json:"balance"`
	Seed    int64   `json:"seed"`
	Groups  []Group `json:"groups"`
}

// MakeGroups splits the students into groups of about req.Size, balanced
// as req.Balance asks. req must be valid and have a seed. The same
// students, size, mode and seed always give the same groups.
//
// There are ceil(n/size) groups whose sizes differ by at most one, so no
// group is larger than asked; only when that would leave a group of one
// (an odd class in pairs) are there fewer groups, one of them a trio.
func MakeGroups(members []Member, req GroupRequest) Grouping {
	seed := int64(0)
	if req.Seed != nil {
		seed = *req.Seed
	}
	out := Grouping{Size: req.Size, Balance: req.Balance, Seed: seed, Groups: []Group{}}
	pool := make([]Member, 0, len(members))
	for _, m := range byID(members) {
		if m.Done || !req.OnlyFinished {
			pool = append(pool, m)
		}
	}
	n := len(pool)
	if n == 0 || req.Size < 1 {
		return out
	}
	g := (n + req.Size - 1) / req.Size
	if n >= MinGroupSize && n/g < MinGroupSize {
		g = n / MinGroupSize
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x616e696d616c)) // "animal"
	rng.Shuffle(n, func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })

	capacity := make([]int, g)
	for i := range capacity {
		capacity[i] = n / g
		if i < n%g {
			capacity[i]++
		}
	}
	groups := make([][]Ref, g)
	if req.Balance == BalanceRandom {
		k := 0
		for i := range groups {
			for range capacity[i] {
				groups[i] = append(groups[i], pool[k].Ref())
				k++
			}
		}
	} else {
		key, order := balanceKey(req.Balance)
		type ranked struct {
			m    *Member
			rank int // index of the member's category; len(order) when not finished
		}
		items := make([]ranked, n)
		for i := range pool {
			r := slices.Index(order, key(&pool[i]))
			if r < 0 {
				r = len(order)
			}
			items[i] = ranked{&pool[i], r}
		}
		slices.SortStableFunc(items, func(a, b ranked) int { return a.rank - b.rank })
		perCat := make([][]int, g) // perCat[group][category]
		for i := range perCat {
			perCat[i] = make([]int, len(order)+1)
		}
		for _, it := range items {
			r, best := it.rank, -1
			for j := range groups {
				if len(groups[j]) >= capacity[j] {
					continue
				}
				if best < 0 || perCat[j][r] < perCat[best][r] ||
					(perCat[j][r] == perCat[best][r] && len(groups[j]) < len(groups[best])) {
					best = j
				}
			}
			groups[best] = append(groups[best], it.m.Ref())
			perCat[best][r]++
		}
	}
	for i, refs := range groups {
		slices.SortFunc(refs, byName)
		out.Groups = append(out.Groups, Group{Name: "Group " + strconv.Itoa(i+1), Members: refs})
	}
	return out
}

// balanceKey returns what a mode balances on and the order of its values.
func balanceKey(mode string) (func(m *Member) string, []string) {
	switch mode {
	case BalanceEnergy:
		return (*Member).Energy, EnergyCodes
	case BalanceStyle:
		return func(m *Member) string { return m.Style }, StyleCodes
	}
	return func(m *Member) string { return m.Genius }, GeniusCodes
}
