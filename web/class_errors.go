package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/classes"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

// classesError turns the classes area's refusals into API errors.
func classesError(err error) error {
	var fields classes.FieldErrors
	switch {
	case errors.As(err, &fields):
		return fieldsError(map[string]string(fields))
	case errors.Is(err, classes.ErrNotFound):
		return errNotFound()
	case errors.Is(err, classes.ErrArchived):
		return Err(http.StatusConflict, "class_archived", "This class is archived, so it can't be changed. Bring it back from the archive first.")
	case errors.Is(err, classes.ErrConfirm):
		e := Err(http.StatusBadRequest, "confirm_mismatch", "To delete the class, type its name exactly as it is shown.")
		e.Fields = map[string]string{"confirm": e.Message}
		return e
	case errors.Is(err, classes.ErrTooSmall):
		e := Err(http.StatusConflict, "seat_limit_too_small", "The class already has more students than that. Choose a bigger seat limit, or remove students first.")
		e.Fields = map[string]string{"seatLimit": e.Message}
		return e
	}
	return err
}

// studentsError turns the students area's refusals into API errors, in
// words for a 10-year-old.
func studentsError(c *fiber.Ctx, err error) error {
	var fields students.FieldErrors
	var taken *students.NameTakenError
	var tooMany *students.TooManyError
	var answers *quiz.AnswerError
	var version *quiz.VersionError
	var decode *quiz.DecodeError
	switch {
	case errors.As(err, &fields):
		return fieldsError(map[string]string(fields))
	case errors.As(err, &taken):
		return nameTaken(taken, "Someone in this class is already called "+taken.Name.Display()+
			" If that's you and you took the quiz before, log in with your passport code. Otherwise add the next letter of your last name, like "+
			taken.Suggestion.Display(), "This name is already used in the class. Add the next letter of your last name.")
	case errors.As(err, &tooMany):
		secs := int(tooMany.RetryAfter.Seconds() + 0.999)
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(secs, 1)))
		return Err(http.StatusTooManyRequests, "too_many_attempts", "Too many codes that didn't work. Please wait a little and try again, or ask your teacher.")
	case errors.As(err, &answers):
		e := Err(http.StatusBadRequest, "bad_answers", "Some answers are missing or don't fit the quiz. Go back and answer every question once. ("+answers.Error()+")")
		return e
	case errors.As(err, &version):
		return Err(http.StatusConflict, "quiz_changed", "The quiz was updated while you were answering. Reload the page and answer again.")
	case errors.As(err, &decode):
		return Err(http.StatusBadRequest, "bad_submission", "Your answers could not be read: "+decode.Reason+".")
	case errors.Is(err, students.ErrClassNotFound):
		return Err(http.StatusNotFound, "class_not_found", "We couldn't find a class with that code. Check the code with your teacher and try again.")
	case errors.Is(err, students.ErrClassClosed):
		return Err(http.StatusConflict, "class_closed", "This class is closed, so no one can join it or take the quiz now. Ask your teacher.")
	case errors.Is(err, students.ErrClassFull):
		return Err(http.StatusConflict, "class_full", "This class is full. Ask your teacher to make room for you.")
	case errors.Is(err, students.ErrRetakesOff):
		return Err(http.StatusForbidden, "retakes_off", "Your teacher hasn't turned on retakes for your class. Ask your teacher if you want to take the quiz again.")
	case errors.Is(err, students.ErrKeyReused):
		return Err(http.StatusConflict, "submission_key_reused", "This quiz was already sent for someone else. Reload the page and try again.")
	case errors.Is(err, students.ErrBadKey):
		return Err(http.StatusBadRequest, "bad_idempotency_key", "Send an Idempotency-Key header of 16-64 letters, digits, - or _ (one per quiz).")
	case errors.Is(err, students.ErrBadPassport):
		e := Err(http.StatusBadRequest, "bad_passport", "That doesn't look like a passport code. It has 3 letters and 5 letters or numbers, like OWL-7K3QX.")
		e.Fields = map[string]string{"passportCode": e.Message}
		return e
	case errors.Is(err, students.ErrClassCodeNeeded):
		e := Err(http.StatusUnauthorized, "class_code_needed", "Type your class code too. It is on your passport card, or ask your teacher.")
		e.Fields = map[string]string{"classCode": e.Message}
		return e
	case errors.Is(err, students.ErrUnknownPassport):
		e := Err(http.StatusUnauthorized, "unknown_passport", "We don't know that passport code. Check each letter and try again, or ask your teacher.")
		e.Fields = map[string]string{"passportCode": e.Message}
		return e
	case errors.Is(err, students.ErrJustFirstName):
		e := Err(http.StatusBadRequest, "just_first_name", "Just your first name, please. If all of it really is your first name (like Ana Sofia), say so and go on.")
		e.Fields = map[string]string{"firstName": "Just your first name, please (no last name)."}
		return e
	case errors.Is(err, students.ErrNotFound):
		return errNotFound()
	}
	return err
}

// nameTaken is the answer to a name already in the class, with the
// suggestion; message and field speak to whoever typed it.
func nameTaken(taken *students.NameTakenError, message, field string) *APIError {
	e := Err(http.StatusConflict, "name_taken", message)
	e.Fields = map[string]string{"lastInitial": field}
	e.Suggestion = &taken.Suggestion
	return e
}
