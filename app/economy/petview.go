package economy

import (
	"math"
	"time"

	"animalgenius/app/pets"
)

// PetView is a pet as the student sees it now, decay applied.
type PetView struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Species   Species   `json:"species"`
	Hunger    int       `json:"hunger"`
	Happiness int       `json:"happiness"`
	Mood      pets.Mood `json:"mood"`
	Art       string    `json:"art"` // the picture for the current mood
	// Cooldowns says, per action, how many seconds until it can be done again.
	Cooldowns map[pets.Action]int `json:"cooldowns"`
}

// View computes the pet's state at now.
func (p *Pet) View(now time.Time) PetView {
	cur := pets.Current(p.State, p.Species.Rules(), now)
	v := PetView{
		ID: p.ID, Name: p.Name, Species: p.Species, Mood: cur.Mood,
		// Shown in whole points, rounded down from the tenths the mood
		// reads (pets.MoodOf), so they agree: a pet at 79.9998 shows 80 and
		// is happy, one at 79.9 shows 79 and is not.
		Hunger: int(math.Floor(pets.Tenths(cur.Hunger))), Happiness: int(math.Floor(pets.Tenths(cur.Happiness))),
		Art:       p.Species.Art + "-" + string(cur.Mood) + ".svg",
		Cooldowns: map[pets.Action]int{},
	}
	for _, a := range pets.Actions {
		wait := 0
		if last, ok := p.State.LastCare[a]; ok {
			if d := last.Add(pets.Cooldown).Sub(now); d > 0 {
				wait = int(math.Ceil(min(d, pets.Cooldown).Seconds()))
			}
		}
		v.Cooldowns[a] = wait
	}
	return v
}
