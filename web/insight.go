package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/insight"
)

func errClassNotFound() *APIError {
	return Err(http.StatusNotFound, "class_not_found", "We couldn't find that class. Go back to your classes and pick it again.")
}

// insightClass is the class of the request, once the signed-in teacher
// may see it: another teacher's class answers the same 404 as a missing one.
func (s *Server) insightClass(c *fiber.Ctx) (int64, error) {
	acct := currentAccount(c)
	if acct == nil {
		return 0, errLoginRequired()
	}
	id, err := pathID(c, "classID")
	if err != nil {
		return 0, errClassNotFound()
	}
	if err := s.classAccess(c.UserContext(), acct, id); err != nil {
		return 0, err
	}
	return id, nil
}

// classAccess answers errClassNotFound unless the account may see the
// class (its own, or any for an admin), as the classes area decides.
func (s *Server) classAccess(ctx context.Context, acct *accounts.Account, classID int64) error {
	err := s.deps.Classes.Visible(ctx, classes.Viewer{AccountID: acct.ID, Admin: acct.IsAdmin()}, classID)
	if errors.Is(err, classes.ErrNotFound) {
		return errClassNotFound()
	}
	return err
}

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

// snapshot is the class's cached snapshot after the access check.
func (s *Server) snapshot(c *fiber.Ctx) (*insight.Snapshot, error) {
	id, err := s.insightClass(c)
	if err != nil {
		return nil, err
	}
	return s.deps.Insight.Snapshot(c.UserContext(), id)
}
