package web

import (
	"reflect"
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
		// Close to the answer's fast path: each goes to the strict decoder.
		{`{"type":"answer","question":01,"option":1}`, "bad_json"},
		{`{"type":"answer","question":0,"option":1}}`, "bad_json"},
		{`{"type":"answer","question":0,"option":1`, "bad_json"},
		{`{"type":"answer","question":0,"option":1}{}`, "bad_json"},
		{`{"type":"answer","question":0,"option":1,}`, "bad_json"},
		{`{"type":"answer","question":0,"option":1}x`, "bad_json"},
		{`{"type":"answer","question":,"option":1}`, "bad_json"},
		{`{"type":"answer","question":0,"option":}`, "bad_json"},
		{`{"type":"answer","question":0,"option":1,"option":2,"x":1}`, "unknown_field"},
		{`{"type":"answer","question":0,"option":1.5}`, "wrong_type"},
		{`{"type":"answer","question":0,"option":1e3}`, "wrong_type"},
		{`{"type":"answer","question":99999999999999999999,"option":1}`, "wrong_type"},
		{`{"type":"answer","question":0,"option":"1"}`, "wrong_type"},
		{`{"type":"answer","question":0,"option":null}`, "missing_field"},
		{`{"type":"answer","question":0}`, "missing_field"},
		{"{\"type\":\"answer\",\"question\":0,\"option\":1\xff}", "bad_encoding"},
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

// TestAnswerFastPath checks frames the fast path takes give what the
// strict decoder gives, and frames near its form go to the strict one.
func TestAnswerFastPath(t *testing.T) {
	for _, in := range []string{
		`{"type":"answer","question":0,"option":2}`, `{"type":"answer","question":31,"option":0}`,
		`{"type":"answer","question":123456789,"option":987654321}`,
	} {
		fast := decodeAnswerFast([]byte(in))
		strict, err := decodeSocketMessageStrict([]byte(in))
		if fast == nil || err != nil || !reflect.DeepEqual(fast, strict) {
			t.Errorf("%s: fast %+v, strict %+v %v", in, fast, strict, err)
		}
	}
	for _, in := range []string{
		`{"type":"answer","question":1234567890,"option":1}`, // 10 digits: the strict decoder decides
		`{"type":"answer","question":-1,"option":1}`,
		`{"type":"answer","question":0,"option":1} `,
		` {"type":"answer","question":0,"option":1}`,
		`{"type":"answer","option":1,"question":0}`,
		`{"type":"answer","question":00,"option":1}`,
		`{"type": "answer","question":0,"option":1}`,
	} {
		if m := decodeAnswerFast([]byte(in)); m != nil {
			t.Errorf("%s: taken by the fast path: %+v", in, m)
		}
	}
}

func FuzzDecodeSocketMessage(f *testing.F) {
	for _, s := range []string{`{"type":"answer","question":0,"option":2}`, `{"type":"answer","question":12,"option":1}x`,
		`{"type":"answer","question":012,"option":1}`, `{"type":"answer","question":123456789,"option":9}`, `{"type":"join","pin":"123456","nickname":"Maya","team":"owl"}`,
		`{"type":"rejoin","pin":"1","token":"x"}`, `{"type":"kick","player":3}`, `{"type":"subscribe","topic":"class:1"}`, `{`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decodeSocketMessage(data)
		// The answer's fast path changes nothing: same message, same refusal.
		sm, serr := decodeSocketMessageStrict(data)
		if !reflect.DeepEqual(m, sm) || !reflect.DeepEqual(err, serr) {
			t.Fatalf("%q: fast path gave %+v %+v, strict decoder %+v %+v", data, m, err, sm, serr)
		}
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

func BenchmarkDecodeAnswer(b *testing.B) {
	for _, tc := range []struct{ name, in string }{
		{"fast", `{"type":"answer","question":12,"option":3}`},
		{"strict", `{"option":3,"type":"answer","question":12}`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			data := []byte(tc.in)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if m, err := decodeSocketMessage(data); err != nil || *m.Option != 3 {
					b.Fatal(err)
				}
			}
		})
	}
}
