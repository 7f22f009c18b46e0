package web

import (
	"animalgenius/app/accounts"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// adminUpload takes a picture (multipart field "file"), checks it quickly
// and queues its processing. It answers 202 with the job to watch.
func (s *Server) adminUpload(c *fiber.Ctx) error {
	data, fh, err := s.formPicture(c)
	if err != nil {
		return err
	}
	id, err := s.uploads.Submit(c.UserContext(), data, fh.Header.Get(fiber.HeaderContentType), fh.Filename)
	if err != nil {
		return economyError(err)
	}
	return c.Status(http.StatusAccepted).JSON(fiber.Map{"jobId": id})
}

// adminUploadJob reports an upload's progress and, when done, its files.
func (s *Server) adminUploadJob(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	st, err := s.uploads.Status(c.UserContext(), id)
	if err != nil {
		return economyError(err)
	}
	out := fiber.Map{"id": st.ID, "state": st.State, "progress": st.Progress}
	if st.Result != nil {
		out["image"] = "/uploads/" + st.Result.Image
		out["thumb"] = "/uploads/" + st.Result.Thumb
		out["width"], out["height"] = st.Result.Width, st.Result.Height
	}
	if st.ErrorCode != "" {
		out["error"] = fiber.Map{"code": st.ErrorCode, "message": st.ErrorMessage}
	}
	return c.JSON(out)
}

// uploadFile serves a processed picture (its name is its content's hash)
// to the school's signed-in teachers, admins and students only, with
// private caching: a shared cache or a stranger with the address gets
// nothing. Players of a live game without a session get that game's
// pictures through the game route (gamePicture).
func (s *Server) uploadFile(c *fiber.Ctx) error {
	if _, err := s.authenticate(c, accounts.KindAccount); err != nil {
		if _, err := s.authenticate(c, accounts.KindStudent); err != nil {
			return errLoginRequired()
		}
	}
	c.Set(fiber.HeaderVary, "Cookie")
	return s.sendPicture(c, c.Params("name"), "private, max-age=86400, immutable")
}

// formPicture reads the picture of an upload form (multipart field
// "file"), refusing a missing or too big file before reading it.
func (s *Server) formPicture(c *fiber.Ctx) ([]byte, *multipart.FileHeader, error) {
	if err := s.checkFreeDisk(); err != nil {
		return nil, nil, err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, nil, Err(http.StatusBadRequest, "no_file", "Choose a picture file to upload (form field \"file\").")
	}
	max := s.uploads.Limits().MaxBytes
	if fh.Size > int64(max) {
		return nil, nil, Err(http.StatusRequestEntityTooLarge, "file_too_large", "That file is too big. Choose a smaller picture and try again.")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, nil, err
	}
	return data, fh, nil
}

// sendPicture serves a processed picture by its file name with the given
// Cache-Control (404 when there is no such file).
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
