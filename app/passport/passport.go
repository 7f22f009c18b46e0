// Package passport makes and reads the codes people type: a student's
// passport code ("OWL-7K3QX": the animal's prefix, a hyphen and five
// characters) and the random characters of class codes. Codes use an
// alphabet without look-alikes (no 0/O, 1/I/L), come from crypto/rand, and
// are read forgivingly: any case, spaces, a missing hyphen.
package passport

import (
	"crypto/rand"
	"errors"

	"animalgenius/app/quiz"
)

// Alphabet is the characters of the random part of every code.
const Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// Lengths of the parts of a passport code.
const (
	PrefixLen = 3
	RandomLen = 5
	// CodeLen is the canonical length, hyphen included ("OWL-7K3QX").
	CodeLen = PrefixLen + 1 + RandomLen
	// MaxInput bounds what Parse looks at, so a huge input costs nothing.
	MaxInput = 64
)

// alphabetIndex[c] is true for the bytes of Alphabet.
var alphabetIndex = func() (t [256]bool) {
	for i := 0; i < len(Alphabet); i++ {
		t[Alphabet[i]] = true
	}
	return t
}()

// InAlphabet reports whether c is one of Alphabet's characters.
func InAlphabet(c byte) bool { return alphabetIndex[c] }

// Random returns n characters drawn uniformly from Alphabet with
// crypto/rand (rejection sampling, so no character is more likely).
func Random(n int) string {
	out := make([]byte, 0, n)
	var buf [32]byte
	// 248 = 8*31 is the largest multiple of 31 below 256.
	const limit = 256 - 256%len(Alphabet)
	for len(out) < n {
		if _, err := rand.Read(buf[:]); err != nil {
			panic("passport: no randomness: " + err.Error())
		}
		for _, b := range buf {
			if int(b) < limit && len(out) < n {
				out = append(out, Alphabet[int(b)%len(Alphabet)])
			}
		}
	}
	return string(out)
}

// New makes a fresh passport code for an animal code ("owl" ->
// "OWL-7K3QX"). It returns false for an unknown animal.
func New(animal string) (string, bool) {
	a, ok := quiz.AnimalByCode(animal)
	if !ok {
		return "", false
	}
	return a.Prefix + "-" + Random(RandomLen), true
}

// Errors of Parse. Their text is for logs; the web layer words them for people.
var (
	ErrEmpty      = errors.New("passport: no code given")
	ErrTooLong    = errors.New("passport: code too long")
	ErrShape      = errors.New("passport: a code is 3 letters, a hyphen and 5 characters")
	ErrPrefix     = errors.New("passport: unknown animal prefix")
	ErrCharacters = errors.New("passport: character not used in codes")
)

// Parse reads a typed passport code and returns it in canonical form
// ("OWL-7K3QX"). Upper or lower case, spaces anywhere and a missing
// hyphen are all accepted, and a zero typed in the prefix is read as the
// letter O ("C0L" -> "COL").
func Parse(input string) (string, error) {
	if len(input) > MaxInput {
		return "", ErrTooLong
	}
	var b [MaxInput]byte
	n := 0
	for i := 0; i < len(input); i++ {
		c := input[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-':
			continue
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		}
		b[n] = c
		n++
	}
	if n == 0 {
		return "", ErrEmpty
	}
	if n != PrefixLen+RandomLen {
		return "", ErrShape
	}
	for i := 0; i < PrefixLen; i++ {
		if b[i] == '0' {
			b[i] = 'O'
		}
	}
	prefix := string(b[:PrefixLen])
	if _, ok := quiz.AnimalByPrefix(prefix); !ok {
		return "", ErrPrefix
	}
	for i := PrefixLen; i < n; i++ {
		if !alphabetIndex[b[i]] {
			return "", ErrCharacters
		}
	}
	return prefix + "-" + string(b[PrefixLen:n]), nil
}

// Prefix is the animal prefix of a canonical code ("OWL-7K3QX" -> "OWL").
func Prefix(code string) string {
	if len(code) < PrefixLen {
		return ""
	}
	return code[:PrefixLen]
}

// Valid reports whether code is in canonical form with a known prefix.
func Valid(code string) bool {
	if len(code) != CodeLen || code[PrefixLen] != '-' {
		return false
	}
	got, err := Parse(code)
	return err == nil && got == code
}
