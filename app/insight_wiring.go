package app

import (
	"animalgenius/app/insight"
	"animalgenius/web/hub"
)

// newInsight builds the teacher insight service: per-class snapshots
// cached in memory, live board updates published to the socket hub.
func (a *App) newInsight(sockets *hub.Hub) *insight.Service {
	svc := insight.NewService(a.store, insight.Options{Logger: a.log})
	if sockets != nil {
		svc.SetPublisher(sockets)
	}
	return svc
}
