package web

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/insight"
)

// insightError turns the insight area's errors into API errors.
func insightError(err error, notFound *APIError) error {
	var ie *insight.InputError
	switch {
	case errors.As(err, &ie):
		e := Err(http.StatusBadRequest, ie.Code, ie.Message)
		e.Fields = map[string]string{ie.Field: ie.Message}
		return e
	case errors.Is(err, insight.ErrNotFound):
		return notFound
	}
	return err
}

// snapshot is the cached snapshot of the class of the path.
func (s *Server) snapshot(c *fiber.Ctx) (*insight.Snapshot, error) {
	return s.deps.Insight.Snapshot(c.UserContext(), classID(c))
}
