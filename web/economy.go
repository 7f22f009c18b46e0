package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"animalgenius/app/economy"
	"animalgenius/app/pets"
	"animalgenius/app/textrules"
	"animalgenius/app/uploads"
)

// The economy's API: the student's store, avatar and pet under /student,
// a teacher's class economy under /classes/:classID, and the admin's
// catalog and uploads under /admin. Money requests carry an
// Idempotency-Key header; a retry with the same key changes nothing.

const uploadPath = "/api/v1/admin/uploads"

// economyError turns the economy's refusals into API errors with words
// for a 10-year-old (or a teacher) that say what to do next.
// teacherEconomyError is economyError in a teacher's words where the
// pupil's would mislead (an archived class).
func teacherEconomyError(err error) error {
	if errors.Is(err, economy.ErrClassArchived) {
		return Err(http.StatusConflict, "class_archived", "This class is archived, so its coins and store are paused. Bring it back from the archive to change them.")
	}
	return economyError(err)
}

func economyError(err error) error {
	var ve *economy.ValidationError
	var ne *pets.NameError
	var nec *economy.NotEnoughCoinsError
	var short *economy.ShortfallError
	var cd *pets.CooldownError
	var ue *uploads.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ve):
		return Err(http.StatusBadRequest, "invalid", ve.Message)
	case errors.As(err, &ne):
		e := Err(http.StatusBadRequest, "bad_name", ne.Message)
		e.Fields = map[string]string{"name": ne.Message}
		return e
	case errors.As(err, &nec):
		if nec.Have > 0 || nec.Need > 0 {
			return Err(http.StatusConflict, "not_enough_coins", fmt.Sprintf("You need %s but have %d. Earn some more and come back.", textrules.Count(nec.Need, "coin", "coins"), nec.Have))
		}
		return Err(http.StatusConflict, "not_enough_coins", "There are not enough coins for that.")
	case errors.As(err, &short):
		e := Err(http.StatusConflict, "not_enough_coins", "Nothing was taken, because these students do not have enough coins: "+short.Names()+". Choose a smaller amount or leave them out.")
		e.Fields = map[string]string{}
		for _, st := range short.Students {
			e.Fields[strconv.FormatInt(st.ID, 10)] = fmt.Sprintf("%s has %s.", st.DisplayName(), textrules.Count(st.Coins, "coin", "coins"))
		}
		return e
	case errors.As(err, &cd):
		secs := int((cd.Wait + time.Second - 1) / time.Second)
		e := Err(http.StatusTooManyRequests, "cooldown", "Your pet needs a little break. Try again in "+textrules.Count(secs, "second", "seconds")+".")
		e.Fields = map[string]string{"retryAfter": strconv.Itoa(secs)}
		return e
	case errors.As(err, &ue):
		status := http.StatusBadRequest
		switch ue {
		case uploads.ErrTooLarge:
			status = http.StatusRequestEntityTooLarge
		case uploads.ErrNotImage, uploads.ErrSVG, uploads.ErrTypeMismatch:
			status = http.StatusUnsupportedMediaType
		}
		return Err(status, ue.Code, ue.Message)
	case errors.Is(err, economy.ErrBadKey):
		return Err(http.StatusBadRequest, "idempotency_key_required", "This request needs an Idempotency-Key header of 16 to 128 letters and digits. Reload the page and try again.")
	case errors.Is(err, economy.ErrKeyReused):
		return Err(http.StatusConflict, "idempotency_key_reused", "This request was already sent with different details. Reload the page and try again.")
	case errors.Is(err, economy.ErrClassArchived):
		return Err(http.StatusConflict, "class_archived", "This class is archived, so coins, the store and pets are paused. Ask your teacher if you think this is a mistake.")
	case errors.Is(err, economy.ErrStoreClosed):
		return Err(http.StatusConflict, "store_closed", "The class store is closed right now. Ask your teacher when it opens.")
	case errors.Is(err, economy.ErrItemInactive):
		return Err(http.StatusConflict, "not_for_sale", "That is not for sale any more. Pick something else.")
	case errors.Is(err, economy.ErrAlreadyOwned):
		return Err(http.StatusConflict, "already_owned", "You already have this one. Find it in your things.")
	case errors.Is(err, economy.ErrNotOwned):
		return Err(http.StatusBadRequest, "not_owned", "You can only wear things you own. Buy it in the store first.")
	case errors.Is(err, economy.ErrWrongSlot):
		return Err(http.StatusBadRequest, "wrong_slot", "That item does not go there. Hats go on heads, glasses on eyes.")
	case errors.Is(err, economy.ErrHasPet):
		return Err(http.StatusConflict, "has_pet", "You already have a pet. Take good care of it!")
	case errors.Is(err, economy.ErrNoPet):
		return Err(http.StatusNotFound, "no_pet", "You don't have a pet yet. You can adopt one in the store.")
	case errors.Is(err, pets.ErrUnknownAction):
		return Err(http.StatusBadRequest, "unknown_action", "Choose feed, play or pet.")
	case errors.Is(err, economy.ErrNoStudents):
		return Err(http.StatusBadRequest, "no_students", "Choose at least one student, or the whole class.")
	case errors.Is(err, economy.ErrStudentNotFound):
		return notFound("One of the chosen students is not in this class. Reload the page and choose again.")
	case errors.Is(err, economy.ErrCodeTaken):
		return Err(http.StatusConflict, "code_taken", "Something with that name was just made. Try again.")
	case errors.Is(err, economy.ErrNotFound), errors.Is(err, uploads.ErrNoSuchJob):
		return errNotFound()
	}
	return err
}
