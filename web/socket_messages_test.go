package web

import (
	"strings"
	"testing"
)

func TestDecodeSocketMessage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		code string
	}{
		{`{"type":"answer","question":0,"option":2}`, ""},
		{`{"type":"join","pin":"123456","nickname":"Maya"}`, ""},
		{`{"type":"join","pin":"123456","asStudent":true}`, ""},
		{`{"type":"start"}`, ""},
		{`{"type":"lock","locked":false}`, ""},
		{` {"type":"next"} `, ""},
		{``, "bad_json"},
		{`null`, "bad_json"},
		{`[]`, "bad_json"},
		{`"answer"`, "bad_json"},
		{`{"type":"start"}{"type":"start"}`, "bad_json"},
		{`{"type":"start"} x`, "bad_json"},
		{`{"type":`, "bad_json"},
		{"{\"type\":\"join\",\"pin\":\"\xff\"}", "bad_encoding"},
		{`{}`, "no_type"},
		{`{"type":5}`, "no_type"},
		{`{"type":"dance"}`, "unknown_type"},
		{`{"type":"start","extra":1}`, "unknown_field"},
		{`{"type":"answer","question":0,"option":1,"nickname":"x"}`, "unknown_field"},
		{`{"type":"answer","option":1}`, "missing_field"},
		{`{"type":"answer","question":null,"option":1}`, "missing_field"},
		{`{"type":"answer","question":"0","option":1}`, "wrong_type"},
		{`{"type":"answer","question":0.5,"option":1}`, "wrong_type"},
		{`{"type":"answer","question":1e40,"option":1}`, "wrong_type"},
		{`{"type":"kick","player":"7"}`, "wrong_type"},
		{`{"type":"lock","locked":"yes"}`, "wrong_type"},
		{`{"type":"host","game":-1e999}`, "wrong_type"},
	} {
		m, err := decodeSocketMessage([]byte(tc.in))
		if tc.code == "" {
			if err != nil || m == nil {
				t.Errorf("%s: %v", tc.in, err)
			}
			continue
		}
		if err == nil || err.Code != tc.code {
			t.Errorf("%s: got %v, want %s", tc.in, err, tc.code)
		}
	}
}

func FuzzDecodeSocketMessage(f *testing.F) {
	for _, s := range []string{`{"type":"answer","question":0,"option":2}`, `{"type":"join","pin":"123456","nickname":"Maya","team":"owl"}`,
		`{"type":"rejoin","pin":"1","token":"x"}`, `{"type":"kick","player":3}`, `{"type":"subscribe","topic":"class:1"}`, `{`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decodeSocketMessage(data)
		if (m == nil) == (err == nil) {
			t.Fatalf("want exactly one of message and error: %v %v", m, err)
		}
		if err != nil {
			if err.Code == "" || err.Message == "" || strings.Contains(err.Message, "json:") {
				t.Fatalf("unclear error %+v", err)
			}
			return
		}
		if _, ok := socketFields[m.Type]; !ok {
			t.Fatalf("accepted unknown type %q", m.Type)
		}
		if m.Type == "answer" && (m.Question == nil || m.Option == nil) {
			t.Fatal("answer without question or option")
		}
	})
}
