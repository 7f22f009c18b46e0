// Package quiz holds the personality quiz: the question bank, scoring, the
// type -> animal -> genius tables and the profile text. It is pure: no HTTP,
// no SQL, no clock, only the standard library.
package quiz

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// Question kinds. The four axis kinds have two options, one per pole;
// KindStyle items have four options, one per learning style.
const (
	KindEI    = "EI"
	KindSN    = "SN"
	KindTF    = "TF"
	KindJP    = "JP"
	KindStyle = "style"
)

// Learning style codes, in tie-break order.
const (
	StyleVisual         = "visual"
	StyleAuditory       = "auditory"
	StyleReadingWriting = "readingWriting"
	StyleKinesthetic    = "kinesthetic"
)

// axisPoles gives each axis's first and second pole. An item is
// reverse-keyed when its option "a" points at the second pole.
var axisPoles = map[string][2]string{
	KindEI: {"E", "I"},
	KindSN: {"S", "N"},
	KindTF: {"T", "F"},
	KindJP: {"J", "P"},
}

// styleOrder is the tie-break order of the learning styles.
var styleOrder = [4]string{StyleVisual, StyleAuditory, StyleReadingWriting, StyleKinesthetic}

// Counter slots used by the scorer: the eight poles then the four styles.
const (
	slotE = iota
	slotI
	slotS
	slotN
	slotT
	slotF
	slotJ
	slotP
	slotVisual
	slotAuditory
	slotReadingWriting
	slotKinesthetic
	numSlots
)

var slotByKey = map[string]uint8{
	"E": slotE, "I": slotI, "S": slotS, "N": slotN,
	"T": slotT, "F": slotF, "J": slotJ, "P": slotP,
	StyleVisual: slotVisual, StyleAuditory: slotAuditory,
	StyleReadingWriting: slotReadingWriting, StyleKinesthetic: slotKinesthetic,
}

// MaxIDLength bounds question ids, option ids and the bank version.
const MaxIDLength = 16

// Question is one quiz item. Kind and the options' keys say how it scores;
// they are tagged json:"-" so that marshalling a Question never leaks them.
// Send PublicQuestions to a browser, never Questions.
type Question struct {
	ID      string   `json:"id"`
	Kind    string   `json:"-"`
	Text    string   `json:"text"`
	Options []Option `json:"options"`
}

// Option is one answer choice. Key is the pole ("E", "I", "S", "N", "T",
// "F", "J", "P") or the learning style code the option counts for.
type Option struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Key  string `json:"-"`
}

// Reversed reports whether an axis item's option "a" points at the
// second pole of its axis (I, N, F or P).
func (q Question) Reversed() bool {
	poles, ok := axisPoles[q.Kind]
	return ok && len(q.Options) > 0 && q.Options[0].Key == poles[1]
}

// Bank is an immutable, validated question bank with a precomputed index
// for scoring. Get one from DefaultBank or NewBank.
type Bank struct {
	version   string
	questions []Question
	items     []item
	index     map[string]int
}

// item is the scorer's view of a question: option ids and the counter
// slot each one adds to.
type item struct {
	id    string
	nopt  int
	optID [4]string
	slot  [4]uint8
}

//go:embed bank.json
var bankJSON []byte

type bankFile struct {
	Version   string `json:"version"`
	Questions []struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Text    string `json:"text"`
		Options []struct {
			ID   string `json:"id"`
			Key  string `json:"key"`
			Text string `json:"text"`
		} `json:"options"`
	} `json:"questions"`
}

var defaultBank = sync.OnceValue(func() *Bank {
	b, err := ParseBank(bankJSON)
	if err != nil {
		panic(err) // the embedded bank is checked by the tests
	}
	return b
})

// DefaultBank returns the bank compiled into the binary. It is shared and
// immutable.
func DefaultBank() *Bank { return defaultBank() }

// ParseBank reads a bank in the bank.json format and validates it.
func ParseBank(data []byte) (*Bank, error) {
	var f bankFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("quiz: unable to parse question bank: %w", err)
	}
	qs := make([]Question, len(f.Questions))
	for i, fq := range f.Questions {
		q := Question{ID: fq.ID, Kind: fq.Kind, Text: fq.Text, Options: make([]Option, len(fq.Options))}
		for j, fo := range fq.Options {
			q.Options[j] = Option{ID: fo.ID, Text: fo.Text, Key: fo.Key}
		}
		qs[i] = q
	}
	return NewBank(f.Version, qs)
}

// NewBank validates questions and builds a bank. Questions keep the given
// order, which is the order students see. Axis counts are not checked here,
// so a partial bank (even or zero items on an axis) is allowed; the shipped
// bank's shape is checked by the tests.
func NewBank(version string, questions []Question) (*Bank, error) {
	if version == "" || len(version) > MaxIDLength {
		return nil, fmt.Errorf("quiz: bank version must be 1-%d characters, got %q", MaxIDLength, version)
	}
	if len(questions) == 0 {
		return nil, fmt.Errorf("quiz: bank %s has no questions", version)
	}
	b := &Bank{
		version:   version,
		questions: make([]Question, len(questions)),
		items:     make([]item, len(questions)),
		index:     make(map[string]int, len(questions)),
	}
	for i, q := range questions {
		if err := checkQuestion(q); err != nil {
			return nil, fmt.Errorf("quiz: question %q: %w", q.ID, err)
		}
		if _, dup := b.index[q.ID]; dup {
			return nil, fmt.Errorf("quiz: question id %q is used twice", q.ID)
		}
		b.index[q.ID] = i
		q.Options = append([]Option(nil), q.Options...)
		b.questions[i] = q
		it := item{id: q.ID, nopt: len(q.Options)}
		for j, o := range q.Options {
			it.optID[j] = o.ID
			it.slot[j] = slotByKey[o.Key]
		}
		b.items[i] = it
	}
	return b, nil
}

func checkQuestion(q Question) error {
	if !validID(q.ID) {
		return fmt.Errorf("id must be 1-%d characters of a-z, 0-9, _ or -", MaxIDLength)
	}
	if strings.TrimSpace(q.Text) == "" {
		return fmt.Errorf("text is empty")
	}
	var want []string
	if poles, ok := axisPoles[q.Kind]; ok {
		want = poles[:]
	} else if q.Kind == KindStyle {
		want = styleOrder[:]
	} else {
		return fmt.Errorf("unknown kind %q", q.Kind)
	}
	if len(q.Options) != len(want) {
		return fmt.Errorf("kind %s needs %d options, has %d", q.Kind, len(want), len(q.Options))
	}
	used := make(map[string]bool, len(want))
	for j, o := range q.Options {
		if o.ID != string(rune('a'+j)) {
			return fmt.Errorf("option %d must have id %q, has %q", j+1, string(rune('a'+j)), o.ID)
		}
		if strings.TrimSpace(o.Text) == "" {
			return fmt.Errorf("option %s text is empty", o.ID)
		}
		if !contains(want, o.Key) {
			return fmt.Errorf("option %s key %q does not belong to kind %s", o.ID, o.Key, q.Kind)
		}
		if used[o.Key] {
			return fmt.Errorf("key %q is used by two options", o.Key)
		}
		used[o.Key] = true
	}
	return nil
}

func validID(id string) bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Version is the bank version recorded with every submission.
func (b *Bank) Version() string { return b.version }

// Len is the number of questions.
func (b *Bank) Len() int { return len(b.questions) }

// Questions returns a copy of the questions in student order, including
// the scoring keys. For a browser use PublicQuestions.
func (b *Bank) Questions() []Question {
	out := make([]Question, len(b.questions))
	for i, q := range b.questions {
		q.Options = append([]Option(nil), q.Options...)
		out[i] = q
	}
	return out
}

// Question returns the question with the given id.
func (b *Bank) Question(id string) (Question, bool) {
	i, ok := b.index[id]
	if !ok {
		return Question{}, false
	}
	q := b.questions[i]
	q.Options = append([]Option(nil), q.Options...)
	return q, true
}

// PublicQuiz is what a browser gets to show the quiz: the version to send
// back and the questions without any scoring keys.
type PublicQuiz struct {
	BankVersion string           `json:"bankVersion"`
	Questions   []PublicQuestion `json:"questions"`
}

// PublicQuestion is a question as a student sees it. It deliberately has
// no kind, axis, pole or style, so the client cannot score.
type PublicQuestion struct {
	ID      string         `json:"id"`
	Text    string         `json:"text"`
	Options []PublicOption `json:"options"`
}

// PublicOption is one answer choice as a student sees it.
type PublicOption struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// PublicQuestions returns the questions in student order without scoring
// keys, safe to send to a browser.
func (b *Bank) PublicQuestions() []PublicQuestion {
	out := make([]PublicQuestion, len(b.questions))
	for i, q := range b.questions {
		opts := make([]PublicOption, len(q.Options))
		for j, o := range q.Options {
			opts[j] = PublicOption{ID: o.ID, Text: o.Text}
		}
		out[i] = PublicQuestion{ID: q.ID, Text: q.Text, Options: opts}
	}
	return out
}

// Public returns the version and PublicQuestions together.
func (b *Bank) Public() PublicQuiz {
	return PublicQuiz{BankVersion: b.version, Questions: b.PublicQuestions()}
}
