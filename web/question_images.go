package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/game"
	"animalgenius/app/questionimages"
	"animalgenius/app/textrules"
)

// questionImagePath takes question pictures (its body limit is the
// uploads' one, like the admin's uploads).
const questionImagePath = "/api/v1/question-images"

// isUploadPath tells the paths that take picture uploads.
func isUploadPath(uri string) bool { return uri == uploadPath || uri == questionImagePath }

// questionImageError maps the question pictures' refusals.
func questionImageError(err error) error {
	switch {
	case errors.Is(err, questionimages.ErrNotFound):
		return errNotFound()
	case errors.Is(err, questionimages.ErrUnknownImage), errors.Is(err, game.ErrUnknownImage):
		return errUnknownImage()
	}
	return economyError(err)
}

func errUnknownImage() *APIError {
	return Err(http.StatusBadRequest, "unknown_image", "One of the pictures is not one of your finished uploads. Upload it again, wait until it is ready, then save.")
}

// questionImageCreate takes a picture (multipart field "file") for a
// question and answers 202 at once with the upload to watch.
func (s *Server) questionImageCreate(c *fiber.Ctx) error {
	data, fh, err := s.formPicture(c)
	if err != nil {
		return err
	}
	u, err := s.qimages.Upload(c.UserContext(), currentAccount(c).ID, data, fh.Header.Get(fiber.HeaderContentType), fh.Filename)
	if errors.Is(err, questionimages.ErrBudget) {
		n := s.qimages.PerDay()
		e := Err(http.StatusTooManyRequests, "picture_budget", "You have uploaded "+textrules.Count(n, "question picture", "question pictures")+" in the last 24 hours, the most for one day. Reuse a picture you already have, or try again tomorrow.")
		e.Fields = map[string]string{"perDay": strconv.Itoa(n)}
		return e
	}
	if err != nil {
		return questionImageError(err)
	}
	return c.Status(http.StatusAccepted).JSON(fiber.Map{"id": u.ID, "jobId": u.JobID, "state": u.State, "progress": 0,
		"statusUrl": questionImagePath + "/" + strconv.FormatInt(u.ID, 10)})
}

// questionImageStatus reports an upload's progress and, when done, where
// its picture is.
func (s *Server) questionImageStatus(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	st, err := s.qimages.Status(c.UserContext(), currentAccount(c).ID, id)
	if err != nil {
		return questionImageError(err)
	}
	out := fiber.Map{"id": st.ID, "jobId": st.JobID, "state": st.State, "progress": st.Progress}
	if st.State == questionimages.StateDone {
		base := questionImagePath + "/" + strconv.FormatInt(st.ID, 10)
		out["image"], out["thumb"] = base+"/image", base+"/thumb"
	}
	if st.ErrorCode != "" {
		out["error"] = fiber.Map{"code": st.ErrorCode, "message": st.ErrorMessage}
	}
	return c.JSON(out)
}

// questionImageFile serves one of the teacher's finished pictures (the
// editor's preview) or its thumbnail.
func (s *Server) questionImageFile(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	thumb := strings.HasSuffix(c.Path(), "/thumb")
	name, err := s.qimages.File(c.UserContext(), currentAccount(c).ID, id, thumb)
	if err != nil {
		return questionImageError(err)
	}
	return s.sendPicture(c, name, "private, max-age=3600")
}
