package app

import (
	"animalgenius/app/achievements"
	"animalgenius/app/economy"
	"animalgenius/app/lessons"
	"animalgenius/app/values"
	"animalgenius/web/hub"
)

// newLounge builds the Learning Lounge, the class values vote (pushing
// who voted to the class's sockets) and the achievements.
func (a *App) newLounge(sockets *hub.Hub) (*lessons.Service, *values.Service, *achievements.Service) {
	ls := lessons.NewService(a.store, lessons.Options{Paid: func(classID int64, ids []int64, coins int) {
		a.economy.Credited(classID, ids, economy.TypeLessonReward, coins)
	}})
	vopts := values.Options{Logger: a.log}
	if sockets != nil {
		vopts.Publisher = sockets
	}
	return ls, values.NewService(a.store, vopts), achievements.NewService(a.store)
}
