package quiz

import (
	"fmt"
	"unicode/utf8"
)

// Limits on a submission from a browser.
const (
	MaxAnswers         = 200
	MaxSubmissionBytes = 16 << 10
)

// Submission is the body a browser sends to submit the quiz:
//
//	{"bankVersion":"2026.1","answers":[{"q":"ei1","a":"b"},{"q":"sn1","a":"a"}]}
//
// Both fields are required and may appear once each, in any order, with
// exactly these (case-sensitive) names. Each answer is an object with
// exactly the string fields "q" (question id) and "a" (option id), each
// 1-16 bytes. At most 200 answers; no other fields; nothing after the
// object but whitespace; valid UTF-8; at most 16 KiB.
type Submission struct {
	BankVersion string   `json:"bankVersion"`
	Answers     []Answer `json:"answers"`
}

// DecodeError is a malformed submission. Reason is safe to show the user.
type DecodeError struct {
	Reason string
}

func (e *DecodeError) Error() string { return "quiz: bad submission: " + e.Reason }

func decodeErr(format string, args ...any) error {
	return &DecodeError{Reason: fmt.Sprintf(format, args...)}
}

// DecodeAnswers strictly decodes a Submission and returns its answers. Use
// DecodeSubmission to keep the bank version.
func DecodeAnswers(data []byte) ([]Answer, error) {
	s, err := DecodeSubmission(data)
	if err != nil {
		return nil, err
	}
	return s.Answers, nil
}

// DecodeSubmission strictly decodes the JSON documented on Submission.
//
// It is a small parser for exactly this shape rather than json.Unmarshal,
// because Unmarshal matches field names case-insensitively and silently
// keeps the last of duplicate keys, and because the shape is closed: any
// other field is an error, so no general JSON value ever needs skipping.
// Strings are unescaped as encoding/json does (FuzzDecodeAnswers checks
// that the two agree on everything this accepts).
func DecodeSubmission(data []byte) (Submission, error) {
	if len(data) > MaxSubmissionBytes {
		return Submission{}, decodeErr("body is larger than %d bytes", MaxSubmissionBytes)
	}
	if !utf8.Valid(data) {
		return Submission{}, decodeErr("body is not valid UTF-8")
	}
	// One copy of the body; unescaped ids are substrings of it.
	p := &parser{s: string(data)}
	s, err := p.submission()
	if err != nil {
		return Submission{}, err
	}
	return s, nil
}

type parser struct {
	s   string
	pos int
}

func (p *parser) submission() (Submission, error) {
	if err := p.open('{', "the body must be a JSON object"); err != nil {
		return Submission{}, err
	}
	var s Submission
	var haveVersion, haveAnswers bool
	for first := true; ; first = false {
		key, done, err := p.member(first)
		if err != nil {
			return Submission{}, err
		}
		if done {
			break
		}
		switch key {
		case "bankVersion":
			if haveVersion {
				return Submission{}, decodeErr(`field "bankVersion" appears twice`)
			}
			haveVersion = true
			if s.BankVersion, err = p.id(0, "bankVersion"); err != nil {
				return Submission{}, err
			}
		case "answers":
			if haveAnswers {
				return Submission{}, decodeErr(`field "answers" appears twice`)
			}
			haveAnswers = true
			if s.Answers, err = p.answerList(); err != nil {
				return Submission{}, err
			}
		default:
			return Submission{}, decodeErr("unknown field %q", clip(key))
		}
	}
	p.skipSpace()
	if p.pos < len(p.s) {
		return Submission{}, decodeErr("unexpected data after the JSON object")
	}
	if !haveVersion {
		return Submission{}, decodeErr(`field "bankVersion" is required`)
	}
	if !haveAnswers {
		return Submission{}, decodeErr(`field "answers" is required`)
	}
	return s, nil
}

func (p *parser) answerList() ([]Answer, error) {
	if err := p.open('[', `"answers" must be a list`); err != nil {
		return nil, err
	}
	answers := make([]Answer, 0, 64)
	for first := true; ; first = false {
		done, err := p.element(first)
		if err != nil {
			return nil, err
		}
		if done {
			return answers, nil
		}
		if len(answers) == MaxAnswers {
			return nil, decodeErr("more than %d answers", MaxAnswers)
		}
		a, err := p.answer(len(answers) + 1)
		if err != nil {
			return nil, err
		}
		answers = append(answers, a)
	}
}

// answer reads answer number n (from 1); n is only used in messages.
func (p *parser) answer(n int) (Answer, error) {
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] != '{' && startsValue(p.s[p.pos]) {
		return Answer{}, decodeErr("answer %d must be a JSON object", n)
	}
	if err := p.open('{', ""); err != nil {
		return Answer{}, err
	}
	var a Answer
	var haveQ, haveA bool
	for first := true; ; first = false {
		key, done, err := p.member(first)
		if err != nil {
			return Answer{}, err
		}
		if done {
			break
		}
		switch {
		case key == "q" && !haveQ:
			haveQ = true
			a.Question, err = p.id(n, key)
		case key == "a" && !haveA:
			haveA = true
			a.Option, err = p.id(n, key)
		case key == "q" || key == "a":
			err = decodeErr("answer %d: field %q appears twice", n, key)
		default:
			err = decodeErr("answer %d: unknown field %q", n, clip(key))
		}
		if err != nil {
			return Answer{}, err
		}
	}
	if !haveQ || !haveA {
		return Answer{}, decodeErr(`answer %d must have both "q" and "a"`, n)
	}
	return a, nil
}

// open consumes the opening delimiter of an object or array; wrongType is
// the message when another kind of value is there instead.
func (p *parser) open(c byte, wrongType string) error {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return errTooShort
	}
	if p.s[p.pos] != c {
		if startsValue(p.s[p.pos]) {
			return &DecodeError{Reason: wrongType}
		}
		return p.malformed()
	}
	p.pos++
	return nil
}

// member steps through an object after its '{': it consumes the ',' that
// separates members (unless first) and the next `"key":`, or the closing
// '}' and reports done.
func (p *parser) member(first bool) (key string, done bool, err error) {
	if done, err := p.step(first, '}'); done || err != nil {
		return "", done, err
	}
	p.skipSpace()
	if p.pos >= len(p.s) {
		return "", false, errTooShort
	}
	if p.s[p.pos] != '"' {
		return "", false, p.malformed()
	}
	if key, err = p.str(); err != nil {
		return "", false, err
	}
	return key, false, p.punct(':')
}

// element steps through an array after its '[' like member does.
func (p *parser) element(first bool) (done bool, err error) {
	return p.step(first, ']')
}

// step consumes the closer (done) or, between items, a ','.
func (p *parser) step(first bool, closer byte) (done bool, err error) {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return false, errTooShort
	}
	switch c := p.s[p.pos]; {
	case c == closer:
		p.pos++
		return true, nil
	case first:
		return false, nil
	case c == ',':
		p.pos++
		return false, nil
	}
	return false, p.malformed()
}

// id reads a string value of 1-MaxIDLength bytes: field of answer n, or
// a top-level field when n is 0.
func (p *parser) id(n int, field string) (string, error) {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return "", errTooShort
	}
	if p.s[p.pos] != '"' {
		if startsValue(p.s[p.pos]) {
			return "", idErr(n, field, "must be a string")
		}
		return "", p.malformed()
	}
	s, err := p.str()
	if err != nil {
		return "", err
	}
	if s == "" || len(s) > MaxIDLength {
		return "", idErr(n, field, fmt.Sprintf("must be 1-%d characters", MaxIDLength))
	}
	return s, nil
}

func idErr(n int, field, problem string) error {
	if n == 0 {
		return decodeErr("%s %s", field, problem)
	}
	return decodeErr("answer %d field %q %s", n, field, problem)
}

var errTooShort = &DecodeError{Reason: "the JSON ends too early"}

func (p *parser) malformed() error {
	return decodeErr("malformed JSON at byte %d", p.pos)
}

// clip shortens client-supplied text quoted in an error message.
func clip(s string) string {
	if len(s) <= 32 {
		return s
	}
	cut := 32
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
