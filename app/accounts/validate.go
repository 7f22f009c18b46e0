package accounts

import (
	"animalgenius/app/textrules"
	_ "embed"
	"net/mail"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"animalgenius/app/fields"
)

// Limits of the fields people type.
const (
	MaxEmail       = 254
	MaxDisplayName = 80
	MaxSchool      = 120
	MaxNote        = 120
	MinPassword    = 10
	MaxPassword    = 200 // characters; more only makes hashing slower
)

// FieldErrors maps a form field to what is wrong with it, in words for people.
type FieldErrors = fields.Errors

// hasControl reports characters that have no place in a name or an email.
func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// NormalizeEmail trims and lower-cases an email and checks its form. The
// second result is the problem in words, "" when fine.
func NormalizeEmail(raw string) (string, string) {
	e := strings.ToLower(strings.TrimSpace(raw))
	switch {
	case e == "":
		return "", "Type your email address."
	case !utf8.ValidString(e) || hasControl(e):
		return "", "This email has characters that can't be in an email address."
	case len(e) > MaxEmail:
		return "", "This email is too long (at most 254 characters)."
	}
	addr, err := mail.ParseAddress(e)
	at := strings.LastIndexByte(e, '@')
	if err != nil || addr.Address != e || addr.Name != "" || strings.ContainsAny(e, " <>\"") || at < 1 || at > 64 ||
		!strings.Contains(e[at+1:], ".") || strings.HasSuffix(e, ".") {
		return "", "This doesn't look like an email address. It should look like name@school.org."
	}
	return e, ""
}

func cleanText(raw string, field string, minLen, maxLen int, errs FieldErrors, what string) string {
	if !utf8.ValidString(raw) || hasControl(raw) {
		errs[field] = "The " + what + " has characters that can't be used. Please type it again."
		return ""
	}
	v, err := textrules.Text(strings.Join(strings.Fields(raw), " "), false)
	if err != nil {
		errs[field] = "The " + what + ": " + err.Error()
		return ""
	}
	n := utf8.RuneCountInString(v)
	switch {
	case n < minLen:
		errs[field] = "Type your " + what + "."
	case n > maxLen:
		errs[field] = "The " + what + " is too long (at most " + strconv.Itoa(maxLen) + " characters)."
	}
	return v
}

// Profile is the part of an account its owner edits.
type Profile struct {
	DisplayName string
	School      string
}

// CleanProfile trims and checks a display name and school.
func CleanProfile(displayName, school string, errs FieldErrors) Profile {
	return Profile{
		DisplayName: cleanText(displayName, "displayName", 1, MaxDisplayName, errs, "name"),
		School:      cleanText(school, "school", 0, MaxSchool, errs, "school name"),
	}
}

//go:embed common_passwords.txt
var commonPasswordsText string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = true
		}
	}
	return m
}()

// IsCommonPassword tells whether pw is on the built-in list, also once
// digits and symbols around it are taken off ("Sunshine2024!" is
// "sunshine"), which is how most people stretch a short common password.
func IsCommonPassword(pw string) bool {
	p := strings.ToLower(pw)
	if commonPasswords[p] {
		return true
	}
	core := strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) })
	if core != "" && commonPasswords[core] {
		return true
	}
	// "passwordpassword", "abcabcabcabc": one short piece repeated.
	for n := 1; n <= len(p)/2; n++ {
		if len(p)%n == 0 && strings.Repeat(p[:n], len(p)/n) == p {
			return true
		}
	}
	return false
}

// CheckPassword returns what is wrong with a new password, "" when fine.
// email is the account's, so the password is not the address itself.
func CheckPassword(pw, email string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw) || hasControl(pw):
		return "The password has characters that can't be used. Use letters, numbers, spaces and symbols."
	case n < MinPassword:
		return "Use at least 10 characters. A short sentence you can remember works well."
	case n > MaxPassword:
		return "That password is too long (at most 200 characters)."
	case IsCommonPassword(pw):
		return "That password is too common and easy to guess. Try a short sentence only you would think of."
	}
	lower := strings.ToLower(pw)
	if email != "" {
		local, _, _ := strings.Cut(email, "@")
		if lower == email || (len(local) >= 4 && strings.Contains(lower, local) && len(lower)-len(local) < 6) {
			return "Don't use your email address as your password. Try a short sentence only you would think of."
		}
	}
	return ""
}
