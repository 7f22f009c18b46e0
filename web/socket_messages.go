package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf8"
)

// socketMessage is every message a browser may send on /ws. Which fields a
// type may carry is in socketFields; anything else is refused.
type socketMessage struct {
	Type      string `json:"type"`
	PIN       string `json:"pin"`
	Nickname  string `json:"nickname"`
	Team      string `json:"team"`
	AsStudent bool   `json:"asStudent"`
	Token     string `json:"token"`
	Game      int64  `json:"game"`
	Question  *int   `json:"question"`
	Option    *int   `json:"option"`
	Player    int    `json:"player"`
	Locked    *bool  `json:"locked"`
	Topic     string `json:"topic"`
}

// socketFields lists, per message type, the fields it may carry and
// (marked true) must carry.
var socketFields = map[string]map[string]bool{
	"join":      {"pin": true, "nickname": false, "team": false, "asStudent": false},
	"rejoin":    {"pin": true, "token": true},
	"answer":    {"question": true, "option": true},
	"host":      {"game": true},
	"start":     {},
	"skip":      {},
	"next":      {},
	"end":       {},
	"kick":      {"player": true},
	"lock":      {"locked": true},
	"subscribe": {"topic": true},
}

// socketError is an error frame: {"type":"error","code":"...","message":"..."}.
type socketError struct {
	Type         string `json:"type"` // "error"
	Code         string `json:"code"`
	Message      string `json:"message"`
	Request      string `json:"request,omitempty"` // the type of the message refused
	RetryAfterMs int64  `json:"retryAfterMs,omitempty"`
}

func (e *socketError) Error() string { return e.Code + ": " + e.Message }

func badFrame(code, message string) *socketError {
	return &socketError{Type: "error", Code: code, Message: message}
}

// decodeSocketMessage reads one frame strictly: valid UTF-8, one JSON
// object, a known type, only that type's fields (each of the right JSON
// type), required fields present, nothing after the object.
func decodeSocketMessage(data []byte) (*socketMessage, *socketError) {
	if m := decodeAnswerFast(data); m != nil {
		return m, nil
	}
	return decodeSocketMessageStrict(data)
}

// answerFastPrefix and answerFastMiddle frame the answer as the player page
// and most clients send it.
const (
	answerFastPrefix = `{"type":"answer","question":`
	answerFastMiddle = `,"option":`
)

// decodeAnswerFast reads the hottest message, an answer, without the
// general decoder when it has exactly the form
// {"type":"answer","question":N,"option":M} with N and M plain
// non-negative integers of at most 9 digits (no leading zeros, no spaces).
// Every frame of that form is one the strict decoder accepts with the same
// values; anything else (nil) goes to the strict decoder, so what is
// refused, and how, is unchanged.
func decodeAnswerFast(data []byte) *socketMessage {
	rest, ok := bytes.CutPrefix(data, []byte(answerFastPrefix))
	if !ok {
		return nil
	}
	q, rest, ok := fastUint(rest)
	if !ok {
		return nil
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(answerFastMiddle)); !ok {
		return nil
	}
	o, rest, ok := fastUint(rest)
	if !ok || len(rest) != 1 || rest[0] != '}' {
		return nil
	}
	return &socketMessage{Type: "answer", Question: &q, Option: &o}
}

// fastUint reads a JSON number that is a non-negative integer of 1 to 9
// digits without a leading zero, and what follows it.
func fastUint(b []byte) (int, []byte, bool) {
	n, i := 0, 0
	for ; i < len(b) && i < 10 && b[i] >= '0' && b[i] <= '9'; i++ {
		n = n*10 + int(b[i]-'0')
	}
	if i == 0 || i > 9 || (i > 1 && b[0] == '0') {
		return 0, nil, false
	}
	return n, b[i:], true
}

// decodeSocketMessageStrict is the general decoder of every message type.
func decodeSocketMessageStrict(data []byte) (*socketMessage, *socketError) {
	if !utf8.Valid(data) {
		return nil, badFrame("bad_encoding", "Send text (UTF-8) only.")
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return nil, badFrame("bad_json", `Send one JSON object like {"type":"answer","question":0,"option":1}.`)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, badFrame("bad_json", "Send exactly one JSON object per message.")
	}
	var typ string
	if t, ok := raw["type"]; !ok || json.Unmarshal(t, &typ) != nil {
		return nil, badFrame("no_type", `Every message needs a "type", like "join" or "answer".`)
	}
	fields, ok := socketFields[typ]
	if !ok {
		return nil, badFrame("unknown_type", "We don't know that kind of message.")
	}
	for name := range raw {
		if _, known := fields[name]; !known && name != "type" {
			e := badFrame("unknown_field", "This message has a field we don't know.")
			e.Request = typ
			return nil, e
		}
	}
	for name, required := range fields {
		if v, present := raw[name]; required && (!present || string(v) == "null") {
			e := badFrame("missing_field", "This message is missing \""+name+"\".")
			e.Request = typ
			return nil, e
		}
	}
	var m socketMessage
	strict := json.NewDecoder(bytes.NewReader(data))
	strict.DisallowUnknownFields()
	if err := strict.Decode(&m); err != nil {
		e := badFrame("wrong_type", "A field of this message has the wrong kind of value.")
		e.Request = typ
		return nil, e
	}
	return &m, nil
}
