package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// accountsError turns an error of the accounts area into the API's answer.
func accountsError(c *fiber.Ctx, err error) error {
	var fields accounts.FieldErrors
	var tooMany *accounts.TooManyError
	switch {
	case errors.As(err, &fields):
		return fieldsError(fields)
	case errors.As(err, &tooMany):
		secs := int(tooMany.RetryAfter.Seconds() + 0.999)
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(secs, 1)))
		return Err(http.StatusTooManyRequests, "too_many_attempts", "Too many tries that didn't work. Please wait a little and try again.")
	case errors.Is(err, accounts.ErrBadCredentials):
		return Err(http.StatusUnauthorized, "bad_credentials", "That email and password don't match. Check them and try again.")
	case errors.Is(err, accounts.ErrDisabled):
		return Err(http.StatusForbidden, "account_disabled", "This account is switched off. Ask your school's Animal Genius admin to switch it back on.")
	case errors.Is(err, accounts.ErrLinkInvalid):
		return Err(http.StatusNotFound, "link_invalid", "This link has expired or was already used. Ask your admin for a new one.")
	case errors.Is(err, accounts.ErrNotFound):
		return errNotFound()
	case errors.Is(err, accounts.ErrLastAdmin):
		return Err(http.StatusConflict, "last_admin", "There must always be at least one admin. Make someone else an admin first.")
	case errors.Is(err, accounts.ErrSelf):
		return Err(http.StatusConflict, "own_account", "You can't do that to your own account. Ask another admin.")
	case errors.Is(err, accounts.ErrBadHeir):
		e := Err(http.StatusBadRequest, "invalid", "Choose another teacher whose account is switched on to take over the classes.")
		e.Fields = map[string]string{"heirId": e.Message}
		return e
	case errors.Is(err, accounts.ErrSignupClosed):
		return Err(http.StatusForbidden, "signup_closed", "You can't sign up here this way. Ask your school's Animal Genius admin for an invitation.")
	case errors.Is(err, accounts.ErrAdminExists):
		return Err(http.StatusConflict, "admin_exists", "This box already has an admin. Log in instead.")
	case errors.Is(err, accounts.ErrBusy):
		c.Set(fiber.HeaderRetryAfter, "5")
		return Err(http.StatusServiceUnavailable, "busy", "Lots of people are logging in right now. Please try again in a few seconds.")
	}
	return err
}
