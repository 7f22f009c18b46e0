package app

import (
	"animalgenius/app/insight"
)

// newInsight builds the teacher insight service: per-class snapshots
// cached in memory, live board updates published to the socket hub.
func (a *App) newInsight() *insight.Service {
	svc := insight.NewService(a.store, insight.Options{Logger: a.log})
	svc.SetPublisher(a.sockets)
	return svc
}
