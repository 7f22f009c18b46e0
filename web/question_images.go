package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/game"
	"animalgenius/app/questionimages"
	"animalgenius/app/uploads"
)

// questionImagePath takes question pictures (its body limit is the
// uploads' one, like the admin's uploads).
const questionImagePath = "/api/v1/question-images"

// isUploadPath tells the paths that take picture uploads.
func isUploadPath(uri string) bool { return uri == uploadPath || uri == questionImagePath }

// routesQuestionImages: a teacher's pictures for questions. Every id is
// scoped to its owner: another teacher's picture is 404.
func (s *Server) routesQuestionImages(api fiber.Router) {
	if s.qimages == nil || s.uploads == nil {
		return
	}
	qi := api.Group("/question-images", s.requireAccount)
	qi.Post("/", s.questionImageCreate)
	qi.Get("/:id", s.questionImageStatus)
	qi.Get("/:id/image", s.questionImageFile)
	qi.Get("/:id/thumb", s.questionImageFile)
}

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
	fh, err := c.FormFile("file")
	if err != nil {
		return Err(http.StatusBadRequest, "no_file", "Choose a picture file to upload (form field \"file\").")
	}
	max := s.uploads.Limits().MaxBytes
	if fh.Size > int64(max) {
		return Err(http.StatusRequestEntityTooLarge, "file_too_large", "That file is too big. Choose a smaller picture and try again.")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return err
	}
	u, err := s.qimages.Upload(c.UserContext(), currentAccount(c).ID, data, fh.Header.Get(fiber.HeaderContentType), fh.Filename)
	if errors.Is(err, questionimages.ErrBudget) {
		n := s.qimages.PerDay()
		e := Err(http.StatusTooManyRequests, "picture_budget", fmt.Sprintf("You have uploaded %d question pictures in the last 24 hours, the most for one day. Reuse a picture you already have, or try again tomorrow.", n))
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
	c.Set(fiber.HeaderCacheControl, "no-store")
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

// gamePicture serves a question's picture to the players of a live game.
// The address reaches players only in the question frame; the file must
// be one the game's questions show, so no other upload is reachable here.
func (s *Server) gamePicture(c *fiber.Ctx) error {
	id, err := pathID(c, "gameID")
	if err != nil {
		return err
	}
	name := c.Params("name")
	if !uploads.ValidName(name) || strings.Contains(name, ".thumb.") || s.games.Game(id) == nil {
		return errNotFound()
	}
	ok, err := s.qimages.GameHasPicture(c.UserContext(), id, name)
	if err != nil {
		return err
	}
	if !ok {
		return errNotFound()
	}
	return s.sendPicture(c, name, "private, max-age=3600")
}

func (s *Server) sendPicture(c *fiber.Ctx, name, cache string) error {
	p, ok := s.uploads.Path(name)
	if !ok {
		return errNotFound()
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return errNotFound()
	}
	if strings.HasSuffix(name, ".jpg") {
		c.Set(fiber.HeaderContentType, "image/jpeg")
	} else {
		c.Set(fiber.HeaderContentType, "image/png")
	}
	c.Set(fiber.HeaderCacheControl, cache)
	return c.Send(data)
}

// gamePlayerAvatar is the avatar of a game's player who joined from a
// student session, for the game's host (or an admin): the host lobby and
// the podium show it. Anyone else, and nickname players, get 404.
func (s *Server) gamePlayerAvatar(c *fiber.Ctx) error {
	gameID, err := pathID(c, "gameID")
	if err != nil {
		return err
	}
	no, err := pathID(c, "playerID")
	if err != nil || no > 1_000_000 {
		return errNotFound()
	}
	acct := currentAccount(c)
	host, err := s.library.GameHost(c.UserContext(), gameID)
	if err != nil {
		return gameError(err)
	}
	if host != acct.ID && !acct.IsAdmin() {
		return errNotFound()
	}
	student, err := int64(0), game.ErrGameOver
	if g := s.games.Game(gameID); g != nil {
		student, err = g.PlayerStudent(c.UserContext(), int(no))
	}
	if errors.Is(err, game.ErrGameOver) {
		// Not live (or it just ended): the saved players say.
		student, err = s.library.SavedPlayerStudent(c.UserContext(), gameID, int(no))
	}
	if errors.Is(err, game.ErrNoPlayer) || (err == nil && student == 0) {
		return errNotFound()
	}
	if err != nil {
		return err
	}
	return s.sendAvatar(c, student)
}
