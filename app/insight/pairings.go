package insight

import "slices"

// Duo is a suggested pair of students whose animals complement each other.
type Duo struct {
	A      Ref    `json:"a"`
	B      Ref    `json:"b"`
	Reason string `json:"reason"`
}

// WatchPair is a puzzle pairing present in the class: two animals that
// may clash, with the students of each.
type WatchPair struct {
	AnimalA string `json:"animalA"`
	AnimalB string `json:"animalB"`
	Reason  string `json:"reason"`
	A       []Ref  `json:"a"`
	B       []Ref  `json:"b"`
}

// SoloGroup lists the likely solo workers of one animal.
type SoloGroup struct {
	Animal   string `json:"animal"`
	Reason   string `json:"reason"`
	Students []Ref  `json:"students"`
}

// Pairings are the pairing suggestions for a class.
type Pairings struct {
	Duos []Duo `json:"duos"`
	// Unpaired are the finished students left without a duo.
	Unpaired []Ref       `json:"unpaired"`
	Watch    []WatchPair `json:"watch"`
	Solo     []SoloGroup `json:"solo"`
}

// Pair suggests dynamic duos, puzzle pairings to watch and solo workers
// from the finished students. Each student is in at most one duo and the
// result depends only on the set of students, not on their order.
//
// Duos are dealt round-robin over the complementary pairs (one duo per
// pair per round, lowest ids first) so that no single pairing takes every
// student of an animal that other pairings could use as well.
func Pair(members []Member) Pairings {
	queues := make(map[string][]Ref, 8)
	sorted := byID(members)
	for i := range sorted {
		if m := &sorted[i]; m.Done {
			queues[m.Animal] = append(queues[m.Animal], m.Ref())
		}
	}
	p := Pairings{Duos: []Duo{}, Unpaired: []Ref{}, Watch: []WatchPair{}, Solo: []SoloGroup{}}
	for progress := true; progress; {
		progress = false
		for _, pair := range duoPairs {
			qa, qb := queues[pair.A], queues[pair.B]
			if len(qa) == 0 || len(qb) == 0 {
				continue
			}
			p.Duos = append(p.Duos, Duo{A: qa[0], B: qb[0], Reason: pair.Reason})
			queues[pair.A], queues[pair.B] = qa[1:], qb[1:]
			progress = true
		}
	}
	for _, q := range queues {
		p.Unpaired = append(p.Unpaired, q...)
	}
	slices.SortFunc(p.Unpaired, byName)
	byAnimal := func(code string) []Ref {
		var out []Ref
		for i := range sorted {
			if m := &sorted[i]; m.Done && m.Animal == code {
				out = append(out, m.Ref())
			}
		}
		slices.SortFunc(out, byName)
		return out
	}
	for _, pair := range watchPairs {
		a, b := byAnimal(pair.A), byAnimal(pair.B)
		if len(a) > 0 && len(b) > 0 {
			p.Watch = append(p.Watch, WatchPair{AnimalA: pair.A, AnimalB: pair.B, Reason: pair.Reason, A: a, B: b})
		}
	}
	for _, code := range soloAnimals {
		if s := byAnimal(code); len(s) > 0 {
			p.Solo = append(p.Solo, SoloGroup{Animal: code, Reason: soloReasons[code], Students: s})
		}
	}
	return p
}
