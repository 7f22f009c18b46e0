package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/achievements"
	"animalgenius/app/lessons"
	"animalgenius/app/values"
)

// lounge tells whether the Learning Lounge, the values vote and the
// achievements are wired (their routes are in the surfaces' tables).
func (s *Server) lounge() bool {
	return s.deps.Lessons != nil && s.deps.Values != nil && s.deps.Achievements != nil && s.deps.Classes != nil
}

// lessonParam is the lesson of the path (a lesson the library does not
// have is 404).
func lessonParam(c *fiber.Ctx) (lessons.Lesson, error) {
	id, err := strconv.Atoi(c.Params("lessonID"))
	if err != nil {
		return lessons.Lesson{}, errLessonNotFound()
	}
	l, ok := lessons.ByID(id)
	if !ok {
		return l, errLessonNotFound()
	}
	return l, nil
}

func errLessonNotFound() *APIError {
	return Err(http.StatusNotFound, "lesson_not_found", "There is no such lesson. Pick one from the Learning Lounge.")
}

// loungeError turns the refusals of lessons, values and achievements into
// API errors with words that say what to do next.
func loungeError(err error) error {
	var fe *lessons.FeedbackError
	var be *values.BallotError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe):
		e := Err(http.StatusBadRequest, "invalid", fe.Message)
		e.Fields = map[string]string{fe.Field: fe.Message}
		return e
	case errors.As(err, &be):
		e := Err(http.StatusBadRequest, be.Code, be.Message)
		if be.Cluster != "" {
			e.Fields = map[string]string{be.Cluster: be.Message}
		}
		return e
	case errors.Is(err, lessons.ErrUnknownLesson):
		return errLessonNotFound()
	case errors.Is(err, lessons.ErrUnknownActivity):
		return Err(http.StatusNotFound, "activity_not_found", "Each lesson has activities 1 to 4.")
	case errors.Is(err, lessons.ErrCompleted):
		return Err(http.StatusConflict, "lesson_completed", "This lesson is already complete and its coins were paid. Reset it to teach it again.")
	case errors.Is(err, lessons.ErrNotFound), errors.Is(err, values.ErrNotFound), errors.Is(err, achievements.ErrNotFound):
		return errNotFound()
	case errors.Is(err, lessons.ErrClassArchived), errors.Is(err, values.ErrClassArchived):
		return Err(http.StatusConflict, "class_archived", "This class is archived, so its lessons and votes can't change. Bring it back from the archive first.")
	case errors.Is(err, values.ErrNoSession):
		return Err(http.StatusConflict, "no_vote", "There is no values vote for this class yet. Open one first.")
	case errors.Is(err, values.ErrSessionRunning):
		return Err(http.StatusConflict, "vote_running", "A values vote is already running for this class. Finalize or reset it before opening a new one.")
	case errors.Is(err, values.ErrNotOpen):
		return Err(http.StatusConflict, "vote_closed", "The vote is closed. Ask your teacher if it will open again.")
	case errors.Is(err, values.ErrFinalized):
		return Err(http.StatusConflict, "vote_finalized", "This vote is finalized already. Open a new vote to vote again.")
	case errors.Is(err, values.ErrNoBallots):
		return Err(http.StatusConflict, "no_ballots", "Nobody has voted yet, so there is nothing to count. Wait for the first votes.")
	case errors.Is(err, values.ErrAlreadyVoted):
		return Err(http.StatusConflict, "already_voted", "You have voted already in this vote. Thank you!")
	case errors.Is(err, values.ErrTooLong):
		return Err(http.StatusConflict, "vote_too_long", "The vote can stay open at most two hours ahead. Extend it again later.")
	case errors.Is(err, values.ErrWrongSession):
		return Err(http.StatusConflict, "vote_changed", "This vote is over and a new one has started. Reload the page and vote again.")
	case errors.Is(err, achievements.ErrUnknownCode):
		return Err(http.StatusBadRequest, "unknown_achievement", "That is not one of the achievements.")
	}
	return err
}
