package quiz

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeSubmission(t *testing.T) {
	many := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf(`{"q":"x%d","a":"a"}`, i)
		}
		return `{"bankVersion":"2026.1","answers":[` + strings.Join(parts, ",") + `]}`
	}
	tests := []struct {
		name string
		in   string
		want *Submission // nil: must fail
		err  string      // part of the error message when failing
	}{
		{"ok", `{"bankVersion":"2026.1","answers":[{"q":"ei1","a":"b"},{"q":"sn1","a":"a"}]}`,
			&Submission{"2026.1", []Answer{{"ei1", "b"}, {"sn1", "a"}}}, ""},
		{"ok reordered fields and whitespace", " \n{ \"answers\" : [ { \"a\":\"b\", \"q\":\"ei1\" } ], \"bankVersion\":\"v\" }\n\t",
			&Submission{"v", []Answer{{"ei1", "b"}}}, ""},
		{"ok empty list", `{"bankVersion":"v","answers":[]}`, &Submission{"v", []Answer{}}, ""},
		{"ok escapes", `{"bankVersion":"v","answers":[{"q":"\u0065i1","a":"\u0062"}]}`, &Submission{"v", []Answer{{"ei1", "b"}}}, ""},
		{"ok 200 answers", many(200), &Submission{}, ""},

		{"201 answers", many(201), nil, "more than 200 answers"},
		{"empty body", ``, nil, "ends too early"},
		{"null", `null`, nil, "must be a JSON object"},
		{"array", `[]`, nil, "must be a JSON object"},
		{"unknown field", `{"bankVersion":"v","answers":[],"type":"INFP"}`, nil, `unknown field "type"`},
		{"field case", `{"BankVersion":"v","answers":[]}`, nil, `unknown field "BankVersion"`},
		{"unknown answer field", `{"bankVersion":"v","answers":[{"q":"ei1","a":"b","pole":"E"}]}`, nil, `answer 1: unknown field "pole"`},
		{"answer field case", `{"bankVersion":"v","answers":[{"Q":"ei1","a":"b"}]}`, nil, `unknown field "Q"`},
		{"duplicate top field", `{"bankVersion":"v","answers":[],"answers":[]}`, nil, "appears twice"},
		{"duplicate version", `{"bankVersion":"v","bankVersion":"w","answers":[]}`, nil, "appears twice"},
		{"duplicate answer field", `{"bankVersion":"v","answers":[{"q":"ei1","q":"ei2","a":"b"}]}`, nil, "appears twice"},
		{"missing version", `{"answers":[]}`, nil, `"bankVersion" is required`},
		{"missing answers", `{"bankVersion":"v"}`, nil, `"answers" is required`},
		{"answers null", `{"bankVersion":"v","answers":null}`, nil, "must be a list"},
		{"answers object", `{"bankVersion":"v","answers":{}}`, nil, "must be a list"},
		{"version number", `{"bankVersion":2026,"answers":[]}`, nil, "bankVersion must be a string"},
		{"version empty", `{"bankVersion":"","answers":[]}`, nil, "1-16 characters"},
		{"answer not object", `{"bankVersion":"v","answers":["ei1"]}`, nil, "answer 1 must be a JSON object"},
		{"answer number", `{"bankVersion":"v","answers":[{"q":"ei1","a":1}]}`, nil, `answer 1 field "a" must be a string`},
		{"answer null", `{"bankVersion":"v","answers":[{"q":null,"a":"b"}]}`, nil, "must be a string"},
		{"answer nested", `{"bankVersion":"v","answers":[{"q":["ei1"],"a":"b"}]}`, nil, "must be a string"},
		{"answer missing a", `{"bankVersion":"v","answers":[{"q":"ei1"}]}`, nil, `must have both "q" and "a"`},
		{"empty id", `{"bankVersion":"v","answers":[{"q":"","a":"b"}]}`, nil, "1-16 characters"},
		{"long id", `{"bankVersion":"v","answers":[{"q":"abcdefghijklmnopq","a":"b"}]}`, nil, "1-16 characters"},
		{"16 byte id ok", `{"bankVersion":"v","answers":[{"q":"abcdefghijklmnop","a":"b"}]}`,
			&Submission{"v", []Answer{{"abcdefghijklmnop", "b"}}}, ""},
		{"long multibyte id", `{"bankVersion":"v","answers":[{"q":"ééééééééé","a":"b"}]}`, nil, "1-16 characters"},
		{"invalid utf8", "{\"bankVersion\":\"v\",\"answers\":[{\"q\":\"e\xff1\",\"a\":\"b\"}]}", nil, "not valid UTF-8"},
		{"trailing object", `{"bankVersion":"v","answers":[]} {}`, nil, "after the JSON object"},
		{"trailing garbage", `{"bankVersion":"v","answers":[]}x`, nil, ""},
		{"trailing comma", `{"bankVersion":"v","answers":[],}`, nil, "malformed JSON"},
		{"unclosed", `{"bankVersion":"v","answers":[`, nil, "ends too early"},
		{"too big", `{"bankVersion":"v","answers":[]}` + strings.Repeat(" ", MaxSubmissionBytes), nil, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSubmission([]byte(tt.in))
			if tt.want == nil {
				var de *DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("error = %v (%T), want *DecodeError", err, err)
				}
				if !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %q does not contain %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want.BankVersion != "" && !reflect.DeepEqual(got, *tt.want) {
				t.Errorf("got %+v, want %+v", got, *tt.want)
			}
		})
	}
}

func TestDecodeAnswersThenScore(t *testing.T) {
	b := DefaultBank()
	want := answersFor(t, b, "ISTP", StyleReadingWriting)
	body, _ := json.Marshal(Submission{BankVersion: b.Version(), Answers: want})
	got, err := DecodeAnswers(body)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip changed answers")
	}
	r, err := b.Score(got)
	if err != nil || r.Animal != Owl || r.LearningStyle != StyleReadingWriting {
		t.Errorf("got %+v, %v", r, err)
	}
	if _, err := DecodeAnswers([]byte(`{}`)); err == nil {
		t.Error("DecodeAnswers accepted {}")
	}
}

func FuzzDecodeAnswers(f *testing.F) {
	b := DefaultBank()
	full, _ := json.Marshal(Submission{BankVersion: b.Version(), Answers: answersFor(f, b, "ENFJ", StyleVisual)})
	seeds := []string{
		string(full),
		`{"bankVersion":"2026.1","answers":[{"q":"ei1","a":"b"}]}`,
		`{"bankVersion":"v","answers":[]}`,
		`{"answers":[{"a":"a","q":"q"}],"bankVersion":"v"}`,
		`{"bankVersion":"v","answers":[{"q":"\u00e9","a":"\ud800"}]}`,
		`{"bankVersion":"v","answers":[{"q":"ei1","a":"b"}]}{}`,
		`{"bankVersion":"v","answers":[[[[[[]]]]]]}`,
		`{"bankVersion":"v","answers":[{"q":"ei1","a":"b","q":"x"}]}`,
		`{"BANKVERSION":"v","answers":[]}`,
		`null`, ``, `{`, `"x"`, `1e999`,
		"{\"bankVersion\":\"\xff\",\"answers\":[]}",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeSubmission(data)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is %T, want *DecodeError", err, err)
			}
			return
		}
		// Accepted input is within every documented limit.
		if !utf8.Valid(data) || len(data) > MaxSubmissionBytes || len(s.Answers) > MaxAnswers || s.Answers == nil {
			t.Fatalf("accepted out-of-limit input %q", data)
		}
		for _, id := range append([]string{s.BankVersion}, answerIDs(s.Answers)...) {
			if id == "" || len(id) > MaxIDLength {
				t.Fatalf("accepted id %q", id)
			}
		}
		// Whatever we accept, encoding/json reads the same way (we are only
		// stricter), and our own re-encoding decodes back to the same value.
		var std Submission
		if err := json.Unmarshal(data, &std); err != nil || !reflect.DeepEqual(std, s) {
			t.Fatalf("encoding/json disagrees: %+v (%v) vs %+v", std, err, s)
		}
		again, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := DecodeSubmission(again)
		if err != nil || !reflect.DeepEqual(s2, s) {
			t.Fatalf("re-decode gave %+v, %v", s2, err)
		}
		// Scoring any decoded answers never panics.
		_, _ = b.Score(s.Answers)
	})
}

func answerIDs(answers []Answer) []string {
	var out []string
	for _, a := range answers {
		out = append(out, a.Question, a.Option)
	}
	return out
}

func BenchmarkDecodeAnswers(b *testing.B) {
	bank := DefaultBank()
	body, _ := json.Marshal(Submission{BankVersion: bank.Version(), Answers: answersFor(b, bank, "ESFP", StyleAuditory)})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeAnswers(body); err != nil {
			b.Fatal(err)
		}
	}
}
