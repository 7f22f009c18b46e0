package web

import (
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/jsonbody"
)

// classList is the signed-in teacher's classes; an admin asking with
// ?all=1 gets every class of the box. The teacher's home page asks on
// every visit, so the answer is made once per listing (classes.Listing,
// dropped by every change to what it shows) and join-link base, and its
// bytes are sent as they are until the listing goes or an archived
// class's deletion warning comes on.
func (s *Server) classList(c *fiber.Ctx) error {
	l, err := s.deps.Classes.Listing(c.UserContext(), viewer(c), queryFlag(c, "all"))
	if err != nil {
		return classesError(err)
	}
	base, now := s.publicBase(c), time.Now()
	if body, ok := l.Kept(base, now); ok {
		return sendJSONBody(c, body)
	}
	out := make([]classView, len(l.Classes))
	var until time.Time
	for i, cl := range l.Classes {
		v, u := s.classViewAt(base, now, cl)
		out[i] = v
		if !u.IsZero() && (until.IsZero() || u.Before(until)) {
			until = u
		}
	}
	body, err := json.Marshal(fiber.Map{"classes": out})
	if err != nil {
		return err
	}
	kept := jsonbody.New(body)
	l.Keep(base, kept, until)
	return sendJSONBody(c, kept)
}
