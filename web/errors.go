package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// APIError is the one error shape of the API:
// {"error":{"code":"...","message":"..."}}.
type APIError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	// Fields names the inputs that are wrong, when that helps the form.
	Fields map[string]string `json:"fields,omitempty"`
	// Suggestion is a free name to offer when a student's name is taken.
	Suggestion any `json:"suggestion,omitempty"`
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// Err makes an APIError.
func Err(status int, code, message string) *APIError {
	return &APIError{Status: status, Code: code, Message: message}
}

// Common errors.
func errBadRequest(msg string) *APIError { return Err(http.StatusBadRequest, "bad_request", msg) }
func errNotFound() *APIError {
	return notFound("We couldn't find that. Check the address and try again.")
}

// notFound is the one answer for "not yours or not there": 404 not_found,
// with words that name what was not found. Another teacher's class, game,
// set or saved groups answer exactly like ones that do not exist.
func notFound(msg string) *APIError {
	return Err(http.StatusNotFound, "not_found", msg)
}

// fieldsError is a form refused for the named fields (name -> words
// for people), 400 invalid; one wrong field gives its own words.
func fieldsError(fields map[string]string) *APIError {
	msg := "Please fix the marked fields and try again."
	if len(fields) == 1 {
		for _, m := range fields {
			msg = m
		}
	}
	e := Err(http.StatusBadRequest, "invalid", msg)
	e.Fields = fields
	return e
}

// errDiskFull is a write refused because the data directory's disk is
// full: nothing was saved, and only the school's IT can make room.
func errDiskFull() *APIError {
	return Err(http.StatusInsufficientStorage, "disk_full", "The school server's disk is full, so this was not saved. Please tell your IT team.")
}

// checkFreeDisk refuses work that would fill the disk (uploads) while the
// data directory has less than server.min_free_disk_mb free.
func (s *Server) checkFreeDisk() error {
	if s.deps.FreeDisk == nil || s.cfg.Server.MinFreeDiskMB == 0 {
		return nil
	}
	free, err := s.deps.FreeDisk()
	if err != nil || free >= uint64(s.cfg.Server.MinFreeDiskMB)<<20 {
		return nil // an unreadable free count never blocks a teacher
	}
	s.log.Warn("upload refused: disk nearly full", slog.Uint64("free_mib", free>>20), slog.Int("min_free_disk_mb", s.cfg.Server.MinFreeDiskMB))
	return Err(http.StatusInsufficientStorage, "disk_full", "The school server's disk is almost full, so pictures cannot be uploaded. Please tell your IT team.")
}

type errorBody struct {
	Error *APIError `json:"error"`
}

// writeError sends err as JSON with the right status.
func writeError(c *fiber.Ctx, err *APIError) error {
	return c.Status(err.Status).JSON(errorBody{err})
}

// errorHandler turns every error that reaches fiber into the JSON shape.
// Unknown errors are logged and answered as 500 without details.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return writeError(c, apiErr)
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return writeError(c, fromFiberError(fe))
	}
	if s.deps.DiskFull != nil && s.deps.DiskFull(err) {
		s.log.Error("disk full: a change was refused", slog.String("request_id", requestID(c)), slog.String("path", c.Path()), slog.Any("error", err))
		return writeError(c, errDiskFull())
	}
	s.log.Error("request failed", slog.String("request_id", requestID(c)), slog.String("path", c.Path()), slog.Any("error", err))
	return writeError(c, Err(http.StatusInternalServerError, "internal", "Something went wrong on our side. Please try again."))
}

func fromFiberError(fe *fiber.Error) *APIError {
	switch fe.Code {
	case http.StatusNotFound:
		return errNotFound()
	case http.StatusMethodNotAllowed:
		return Err(fe.Code, "method_not_allowed", "That action is not allowed here.")
	case http.StatusRequestEntityTooLarge:
		return Err(fe.Code, "body_too_large", "What you sent is too large.")
	case http.StatusRequestTimeout:
		return Err(fe.Code, "timeout", "The request took too long. Please try again.")
	case http.StatusBadRequest:
		return errBadRequest("The request could not be read.")
	case http.StatusUnsupportedMediaType:
		return Err(fe.Code, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
	case http.StatusTooManyRequests:
		return Err(fe.Code, "too_many_requests", "Too many tries. Please wait a moment and try again.")
	}
	if fe.Code >= 500 {
		return Err(fe.Code, "internal", "Something went wrong on our side. Please try again.")
	}
	return Err(fe.Code, "error", fe.Message)
}
