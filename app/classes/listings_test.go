package classes

import (
	"testing"
	"time"

	"animalgenius/app/jsonbody"
)

// A listing read before a change committed must not be stored; a
// teacher's change drops that teacher's listing and that of every class,
// not another teacher's; the map starts over at its bound.
func TestListingsGeneration(t *testing.T) {
	var ls listings
	ana, ben := &Listing{}, &Listing{}
	_, gen, epoch := ls.get(1)
	ls.dropTeacher(1) // a change committed while ana's list was read
	ls.put(1, ana, gen, epoch)
	if l, _, _ := ls.get(1); l != nil {
		t.Fatal("a listing from before the change was stored")
	}
	_, gen, epoch = ls.get(1)
	ls.put(1, ana, gen, epoch)
	_, gen, epoch = ls.get(2)
	ls.put(2, ben, gen, epoch)
	_, gen, epoch = ls.get(0)
	ls.put(0, &Listing{}, gen, epoch)
	ls.dropTeacher(2)
	if l, _, _ := ls.get(1); l != ana {
		t.Fatal("ben's change dropped ana's list")
	}
	if l, _, _ := ls.get(2); l != nil {
		t.Fatal("ben's change kept ben's list")
	}
	if l, _, _ := ls.get(0); l != nil {
		t.Fatal("ben's change kept the list of every class")
	}
	_, gen, epoch = ls.get(2)
	ls.dropAll()
	ls.put(2, ben, gen, epoch)
	if l, _, _ := ls.get(1); l != nil {
		t.Fatal("dropAll kept ana's list")
	}
	if l, _, _ := ls.get(2); l != nil {
		t.Fatal("a read from before dropAll was stored")
	}
	for i := range int64(maxListings + 10) {
		ls.dropTeacher(i)
		_, gen, epoch := ls.get(i)
		ls.put(i, ana, gen, epoch)
	}
	if len(ls.m) > maxListings || len(ls.gens) > maxListings {
		t.Fatalf("grew to %d listings, %d generations; bound %d", len(ls.m), len(ls.gens), maxListings)
	}
}

// An answer kept with a listing is found under its key only, until its
// time; a listing keeps at most maxAnswers, the newest.
func TestListingKeptAnswers(t *testing.T) {
	var l Listing
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	if _, ok := l.Kept("http://a", now); ok {
		t.Fatal("an empty listing had an answer")
	}
	l.Keep("http://a", jsonbody.New([]byte("A")), time.Time{})
	l.Keep("http://b", jsonbody.New([]byte("B")), now.Add(time.Hour))
	if b, ok := l.Kept("http://a", now.AddDate(5, 0, 0)); !ok || text(b) != "A" {
		t.Fatalf("a: %q %v", text(b), ok)
	}
	if b, ok := l.Kept("http://b", now.Add(time.Hour-time.Nanosecond)); !ok || text(b) != "B" {
		t.Fatalf("b before its time: %q %v", text(b), ok)
	}
	if _, ok := l.Kept("http://b", now.Add(time.Hour)); ok {
		t.Fatal("b was served at the time it stops being true")
	}
	if _, ok := l.Kept("http://c", now); ok {
		t.Fatal("c was served another key's answer")
	}
	l.Keep("http://a", jsonbody.New([]byte("A2")), time.Time{})
	if b, _ := l.Kept("http://a", now); text(b) != "A2" {
		t.Fatalf("a after a new Keep: %q", text(b))
	}
	for _, k := range []string{"1", "2", "3", "4", "5"} {
		l.Keep(k, jsonbody.New([]byte(k)), time.Time{})
	}
	if n := len(*l.answers.Load()); n != maxAnswers {
		t.Fatalf("%d answers kept, bound %d", n, maxAnswers)
	}
	if b, ok := l.Kept("5", now); !ok || text(b) != "5" {
		t.Fatal("the newest answer was not kept")
	}
}

// text is a kept answer's JSON ("" for none).
func text(b *jsonbody.Body) string {
	if b == nil {
		return ""
	}
	return string(b.JSON())
}
