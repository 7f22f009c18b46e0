package insight

import (
	"fmt"
	"math/rand/v2"
	"time"

	"animalgenius/app/quiz"
)

var t0 = time.Date(2025, 9, 1, 9, 0, 0, 0, time.UTC)

// finished makes a student with a result of the given type and style.
func finished(id int64, name, typ, style string) Member {
	a, ok := quiz.AnimalForType(typ)
	if !ok {
		panic("no animal for " + typ)
	}
	var poles quiz.PoleCounts
	set := func(first bool, a, b *int) {
		if first {
			*a = 6
			*b = 3
		} else {
			*a = 3
			*b = 6
		}
	}
	set(typ[0] == 'E', &poles.E, &poles.I)
	set(typ[1] == 'S', &poles.S, &poles.N)
	set(typ[2] == 'T', &poles.T, &poles.F)
	set(typ[3] == 'J', &poles.J, &poles.P)
	var styles quiz.StyleCounts
	switch style {
	case quiz.StyleVisual:
		styles.Visual = 5
	case quiz.StyleAuditory:
		styles.Auditory = 5
	case quiz.StyleReadingWriting:
		styles.ReadingWriting = 5
	default:
		styles.Kinesthetic = 5
	}
	return Member{ID: id, Name: name, Done: true, Type: typ, Animal: a.Code, Genius: a.Genius, Style: style,
		Poles: poles, Styles: styles, CompletedAt: t0.Add(time.Duration(id) * time.Minute), JoinedAt: t0,
		Passport: fmt.Sprintf("%s-%05d", a.Prefix, id), Coins: 50 + id}
}

func notYet(id int64, name string) Member {
	return Member{ID: id, Name: name, JoinedAt: t0}
}

// randomClass makes n students from rng, about one in eight not finished.
func randomClass(rng *rand.Rand, n int) []Member {
	out := make([]Member, 0, n)
	for i := range n {
		id := int64(i + 1)
		name := fmt.Sprintf("Student%03d %c.", rng.IntN(1000), 'A'+rune(rng.IntN(26)))
		if rng.IntN(8) == 0 {
			out = append(out, notYet(id, name))
			continue
		}
		out = append(out, finished(id, name, Types16[rng.IntN(16)], StyleCodes[rng.IntN(4)]))
	}
	return out
}

func shuffled(rng *rand.Rand, ms []Member) []Member {
	out := append([]Member(nil), ms...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
