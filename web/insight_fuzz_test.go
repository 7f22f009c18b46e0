package web

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"animalgenius/app/insight"
)

func fuzzClass() []insight.Member {
	rng := rand.New(rand.NewPCG(4, 2))
	animals := []struct{ typ, animal, genius string }{{"INTP", "owl", "thinker"}, {"ESFP", "otter", "doer"}, {"INFJ", "panda", "feeler"}}
	var out []insight.Member
	for i := range 40 {
		m := insight.Member{ID: int64(i + 1), Name: fmt.Sprintf("Kid %d", i)}
		if rng.IntN(5) > 0 {
			a := animals[rng.IntN(len(animals))]
			m.Done, m.Type, m.Animal, m.Genius, m.Style, m.CompletedAt = true, a.typ, a.animal, a.genius, "visual", time.Unix(int64(i), 0)
		}
		out = append(out, m)
	}
	return out
}

// FuzzGroupRequest: the group maker's body decoder and checks either make
// groups that hold every student exactly once in sizes of 2-6 (or a
// leftover trio of pairs), or refuse with a 4xx error; never a panic.
func FuzzGroupRequest(f *testing.F) {
	for _, seed := range []string{
		`{"size":4,"balance":"genius"}`, `{"size":2,"balance":"random","seed":9007199254740991}`,
		`{"size":6,"balance":"style","onlyFinished":true}`, `{"size":7,"balance":"genius"}`, `{"size":1,"balance":"x"}`,
		`{"size":4,"balance":"energy","seed":-1}`, `{"size":"4"}`, `{}`, `[]`, `{"size":4}{}`, "{\"balance\":\"\xff\"}",
		`{"size":4,"balance":"genius","seed":1e30}`, `{"size":4,"balance":"genius","extra":1}`, `{"seed":null,"size":3,"balance":"genius"}`,
	} {
		f.Add([]byte(seed))
	}
	class := fuzzClass()
	f.Fuzz(func(t *testing.T, body []byte) {
		var req insight.GroupRequest
		err := decodeJSON(body, &req, smallJSON)
		if err == nil {
			err = req.Validate()
			var ie *insight.InputError
			if err != nil && !errors.As(err, &ie) {
				t.Fatalf("validate: %T %v", err, err)
			}
			if err != nil {
				return
			}
		} else {
			var ae *APIError
			if !errors.As(err, &ae) || ae.Status < 400 || ae.Status >= 500 || ae.Message == "" {
				t.Fatalf("decode error %v is not a 4xx APIError", err)
			}
			return
		}
		if req.Seed == nil {
			s := int64(len(body))
			req.Seed = &s
		}
		g := insight.MakeGroups(class, req)
		seen := map[int64]bool{}
		for _, gr := range g.Groups {
			if len(gr.Members) < 2 || len(gr.Members) > max(req.Size, 3) {
				t.Fatalf("group of %d for size %d", len(gr.Members), req.Size)
			}
			for _, m := range gr.Members {
				if seen[m.ID] {
					t.Fatalf("student %d twice", m.ID)
				}
				seen[m.ID] = true
			}
		}
	})
}

// FuzzSaveGroupingRequest: a saved grouping body is either accepted with
// each student of the class at most once, or refused as a 4xx (unknown
// students as 404); never a panic.
func FuzzSaveGroupingRequest(f *testing.F) {
	for _, seed := range []string{
		`{"name":"Teams","size":4,"balance":"genius","seed":1,"groups":[[1,2],[3]]}`,
		`{"name":"","size":4,"balance":"genius","seed":1,"groups":[[1]]}`,
		`{"name":"T","size":4,"balance":"genius","seed":1,"groups":[[1,1]]}`,
		`{"name":"T","size":4,"balance":"genius","seed":1,"groups":[[99]]}`,
		`{"name":"T","size":4,"balance":"genius","seed":1,"groups":[[]]}`,
		`{"name":"T","size":4,"balance":"genius","seed":1,"groups":[["a"]]}`,
		`{"name":"\u0000","size":4,"balance":"genius","seed":1,"groups":[[1]]}`,
	} {
		f.Add([]byte(seed))
	}
	class := fuzzClass()
	f.Fuzz(func(t *testing.T, body []byte) {
		var req insight.SaveGroupingRequest
		if err := decodeJSON(body, &req, groupingBodyLimit); err != nil {
			return // covered by the decoder's own fuzz target
		}
		err := req.Normalize(class)
		if err != nil {
			mapped := insightError(err, errStudentNotFound())
			var ae *APIError
			if !errors.As(mapped, &ae) || (ae.Status != http.StatusBadRequest && ae.Status != http.StatusNotFound) {
				t.Fatalf("normalize error %v maps to %v", err, mapped)
			}
			return
		}
		seen := map[int64]bool{}
		for _, g := range req.Groups {
			if len(g) == 0 {
				t.Fatal("an empty group was kept")
			}
			for _, id := range g {
				if seen[id] || id < 1 || id > int64(len(class)) {
					t.Fatalf("student %d accepted twice or not in the class", id)
				}
				seen[id] = true
			}
		}
	})
}
