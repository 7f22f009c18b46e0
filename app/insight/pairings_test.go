package insight

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"animalgenius/app/quiz"
)

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func complementary() map[[2]string]bool {
	m := map[[2]string]bool{}
	for _, p := range duoPairs {
		m[pairKey(p.A, p.B)] = true
	}
	return m
}

func TestPairingTables(t *testing.T) {
	if len(duoPairs) != 12 || len(watchPairs) != 6 || len(soloReasons) != 4 {
		t.Fatalf("tables: %d duos, %d watch, %d solo", len(duoPairs), len(watchPairs), len(soloReasons))
	}
	seen := map[[2]string]bool{}
	for _, p := range append(append([]animalPair{}, duoPairs...), watchPairs...) {
		if _, ok := quiz.AnimalByCode(p.A); !ok {
			t.Errorf("unknown animal %s", p.A)
		}
		if _, ok := quiz.AnimalByCode(p.B); !ok {
			t.Errorf("unknown animal %s", p.B)
		}
		if p.Reason == "" || seen[pairKey(p.A, p.B)] {
			t.Errorf("pair %s-%s: empty reason or listed twice", p.A, p.B)
		}
		seen[pairKey(p.A, p.B)] = true
	}
}

// typeOf gives a type of each animal, for building classes.
var typeOf = map[string]string{
	quiz.Meerkat: "INFP", quiz.Panda: "INFJ", quiz.Owl: "INTP", quiz.Beaver: "ISTJ",
	quiz.Elephant: "ENFJ", quiz.Otter: "ESTP", quiz.Parrot: "ENTP", quiz.BorderCollie: "ESTJ",
}

func classOf(animals ...string) []Member {
	var out []Member
	for i, a := range animals {
		out = append(out, finished(int64(i+1), string(rune('A'+i))+" "+a, typeOf[a], quiz.StyleVisual))
	}
	return out
}

func TestPairExamples(t *testing.T) {
	tests := []struct {
		name     string
		class    []Member
		duos     [][2]int64
		unpaired int
		watch    int
		solo     int
	}{
		{"empty", nil, nil, 0, 0, 0},
		{"owl and otter", classOf(quiz.Owl, quiz.Otter), [][2]int64{{1, 2}}, 0, 0, 1},
		{"two owls", classOf(quiz.Owl, quiz.Owl), nil, 2, 0, 1},
		// Round-robin: the owl takes the otter in round one, the elephant
		// then pairs with the parrot, not left alone.
		{"spread over pairs", classOf(quiz.Owl, quiz.Otter, quiz.Elephant, quiz.Parrot), [][2]int64{{1, 2}, {3, 4}}, 0, 1, 1},
		{"watch owl elephant", classOf(quiz.Owl, quiz.Elephant), nil, 2, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			class := append(tt.class, notYet(100, "Not Yet"))
			p := Pair(class)
			var got [][2]int64
			for _, d := range p.Duos {
				got = append(got, [2]int64{d.A.ID, d.B.ID})
				if d.Reason == "" {
					t.Errorf("duo without a reason")
				}
			}
			if !reflect.DeepEqual(got, tt.duos) {
				t.Errorf("duos = %v, want %v", got, tt.duos)
			}
			if len(p.Unpaired) != tt.unpaired || len(p.Watch) != tt.watch || len(p.Solo) != tt.solo {
				t.Errorf("unpaired %d watch %d solo %d, want %d %d %d", len(p.Unpaired), len(p.Watch), len(p.Solo), tt.unpaired, tt.watch, tt.solo)
			}
		})
	}
}

// TestPairProperties checks on random classes: duos are complementary and
// disjoint, no not-yet student is paired, every finished student is in a
// duo or unpaired, no complementary pair is left among the unpaired, the
// result does not depend on row order, solo and watch lists are right.
func TestPairProperties(t *testing.T) {
	comp := complementary()
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 300 {
		class := randomClass(rng, rng.IntN(60))
		p := Pair(class)
		finishedIDs := map[int64]string{}
		for _, m := range class {
			if m.Done {
				finishedIDs[m.ID] = m.Animal
			}
		}
		seen := map[int64]bool{}
		for _, d := range p.Duos {
			if !comp[pairKey(d.A.Animal, d.B.Animal)] {
				t.Fatalf("round %d: %s-%s is not a complementary pair", round, d.A.Animal, d.B.Animal)
			}
			for _, id := range []int64{d.A.ID, d.B.ID} {
				if seen[id] {
					t.Fatalf("round %d: student %d in two duos", round, id)
				}
				if _, ok := finishedIDs[id]; !ok {
					t.Fatalf("round %d: student %d paired but not finished", round, id)
				}
				seen[id] = true
			}
		}
		left := map[string]bool{}
		for _, u := range p.Unpaired {
			if seen[u.ID] {
				t.Fatalf("round %d: student %d paired and unpaired", round, u.ID)
			}
			seen[u.ID] = true
			left[u.Animal] = true
		}
		if len(seen) != len(finishedIDs) {
			t.Fatalf("round %d: %d students placed, %d finished", round, len(seen), len(finishedIDs))
		}
		for k := range comp {
			if left[k[0]] && left[k[1]] {
				t.Fatalf("round %d: unpaired %s and %s could be a duo", round, k[0], k[1])
			}
		}
		if again := Pair(shuffled(rng, class)); !reflect.DeepEqual(again, p) {
			t.Fatalf("round %d: pairings depend on row order", round)
		}
		for _, s := range p.Solo {
			if _, ok := soloReasons[s.Animal]; !ok || len(s.Students) == 0 {
				t.Fatalf("round %d: solo group %+v", round, s)
			}
			for _, r := range s.Students {
				if r.Animal != s.Animal || !r.Done {
					t.Fatalf("round %d: %+v in solo %s", round, r, s.Animal)
				}
			}
		}
		for _, w := range p.Watch {
			if len(w.A) == 0 || len(w.B) == 0 || w.Reason == "" {
				t.Fatalf("round %d: watch pair %+v", round, w)
			}
		}
	}
}
