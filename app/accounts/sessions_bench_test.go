package accounts_test

import (
	"context"
	"testing"

	"animalgenius/app/accounts"
)

// BenchmarkAuthenticateCached is the session check of an authenticated
// request once its session and account are in the cache (target < 20 µs).
func BenchmarkAuthenticateCached(b *testing.B) {
	f := newFixture(b)
	f.account(b, "ana@hill.school", accounts.RoleTeacher)
	tok := f.login(b, "ana@hill.school")
	ctx := context.Background()
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateUncached is the same check for a session not yet
// in the cache (two indexed reads from SQLite, then cached).
func BenchmarkAuthenticateUncached(b *testing.B) {
	f := newFixture(b)
	f.account(b, "ana@hill.school", accounts.RoleTeacher)
	ctx := context.Background()
	var tokens []string // logged in, never checked: not in the cache
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if len(tokens) == 0 {
			b.StopTimer()
			for range 500 {
				tokens = append(tokens, f.login(b, "ana@hill.school"))
			}
			b.StartTimer()
		}
		if _, err := f.svc.Authenticate(ctx, tokens[0], accounts.KindAccount); err != nil {
			b.Fatal(err)
		}
		tokens = tokens[1:]
	}
}

// BenchmarkAuthenticateCachedParallel checks cached sessions from every core.
func BenchmarkAuthenticateCachedParallel(b *testing.B) {
	f := newFixture(b)
	f.account(b, "ana@hill.school", accounts.RoleTeacher)
	tok := f.login(b, "ana@hill.school")
	ctx := context.Background()
	f.svc.Authenticate(ctx, tok, accounts.KindAccount)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
